// Coding: select words in the text with a mouse or a finger, instead of ticking
// whole sentences. The selection becomes start and end offsets in the text,
// counted in Unicode code points as the server counts them. Without JavaScript
// the ticks work on their own.
(function () {
  "use strict";

  var text = document.querySelector("[data-coding-text]");
  var form = text && text.closest("form");
  if (!text || !form) {
    return;
  }
  var startInput = form.querySelector("input[name=start]");
  var endInput = form.querySelector("input[name=end]");
  var box = form.querySelector("[data-coding-selection]");
  var quote = form.querySelector("[data-coding-quote]");
  var clear = form.querySelector("[data-coding-clear]");

  function codePoints(string) {
    return Array.from(string).length;
  }

  // The offset in the whole text of a point (node, offset) inside a sentence label.
  function offsetOf(node, offset) {
    var element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    var label = element && element.closest("label[data-start]");
    if (!label || !text.contains(label)) {
      return null;
    }
    var before = node.nodeType === Node.TEXT_NODE ? node.data.slice(0, offset) : "";
    return parseInt(label.getAttribute("data-start"), 10) + codePoints(before);
  }

  function reset() {
    startInput.value = "";
    endInput.value = "";
    box.hidden = true;
  }

  function takeSelection() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) {
      return;
    }
    var range = selection.getRangeAt(0);
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) {
      return;
    }
    startInput.value = String(start);
    endInput.value = String(end);
    quote.textContent = selection.toString();
    box.hidden = false;
  }

  document.addEventListener("selectionchange", function () {
    window.clearTimeout(takeSelection.timer);
    takeSelection.timer = window.setTimeout(takeSelection, 200);
  });

  // Selecting words inside a sentence must not tick or untick it.
  text.addEventListener("click", function (event) {
    var selection = window.getSelection();
    if (event.target.closest("label") && selection && !selection.isCollapsed) {
      event.preventDefault();
    }
  });

  if (clear) {
    clear.addEventListener("click", reset);
  }
})();
