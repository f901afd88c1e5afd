"""The group's reflection prompts, kept by facilitators. Shows no one's notes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from bridging_gaps.idempotency import idempotent
from bridging_gaps.types import AuthenticatedRequest
from people.access import facilitator_required
from reflections import services
from reflections.forms import PromptForm
from reflections.models import ReflectionPrompt


@facilitator_required
@idempotent
def prompts_manage(request: AuthenticatedRequest) -> HttpResponse:
    form = PromptForm(request.POST or None, initial={"position": ReflectionPrompt.objects.count()})
    if request.method == "POST" and form.is_valid():
        services.prompt_create(
            text=form.cleaned_data["text"], position=form.cleaned_data["position"], by=request.user
        )
        messages.success(request, "Question added. People can choose it for new notes now.")
        return redirect("prompts_manage")
    # Not even a count of answers: that would tell facilitators about private notes.
    prompts = ReflectionPrompt.objects.all()
    return render(request, "reflections/prompts_manage.html", {"form": form, "prompts": prompts})


@facilitator_required
def prompt_edit(request: AuthenticatedRequest, prompt_id: Any) -> HttpResponse:
    prompt = get_object_or_404(ReflectionPrompt, pk=prompt_id)
    form = PromptForm(request.POST or None, instance=prompt)
    if request.method == "POST" and form.is_valid():
        services.prompt_update(prompt=prompt, by=request.user, **form.cleaned_data)
        messages.success(request, "Question saved.")
        return redirect("prompts_manage")
    return render(request, "reflections/prompt_edit.html", {"form": form, "prompt": prompt})
