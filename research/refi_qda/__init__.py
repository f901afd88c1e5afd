"""Export anonymised notes to REFI-QDA, the exchange standard of qualitative analysis tools.

NVivo, ATLAS.ti, MAXQDA, QualCoder and Taguette read two kinds of file defined by the Rotterdam
Exchange Format Initiative (https://www.qdasoftware.org):

- a project, ``.qdpx``: a ZIP holding ``project.qde`` (XML, namespace ``urn:QDA-XML:project:1.0``)
  and the plain-text sources as ``sources/<guid>.txt``, referenced as ``internal://<guid>.txt``;
- a codebook, ``.qdc``: one XML file (namespace ``urn:QDA-XML:codebook:1.0``).

The official schemas are vendored in ``research/schemas/`` (see the README there) and the tests
validate every kind of file written here against them. Design notes: docs/refi-qda.md.

Nothing here knows of Django: the caller turns its models into the plain dataclasses of
``model`` and passes sources as any iterable (a generator is best). ``write_qdpx`` puts each text
into the ZIP as soon as it reads it and spools the XML to a temporary file, so memory stays flat
however many notes there are; only GUIDs are kept from one source to the next.

Text selections count **Unicode code points** from 0, end excluded, in the exact text written
to the source file: ``text[start:end]`` in Python. Nothing is normalised (``\\r\\n`` counts as
two). Names, memos and descriptions lose the few characters XML 1.0 cannot carry (most C0
control characters, lone surrogates, U+FFFE, U+FFFF). Source texts are written as they are,
except that a lone surrogate, which UTF-8 cannot encode, becomes U+FFFD so offsets still hold.

Example::

    guids = GuidMaker(f"bridging-gaps:project:{project.uuid}")  # stable across re-exports
    with tempfile.NamedTemporaryFile(suffix=".qdpx") as target:
        write_qdpx(target, project_name="Bridging Gaps", origin="Bridging Gaps workspace",
                   users=users, codes=codes, sources=(to_source(n) for n in notes.iterator()))
"""

from research.refi_qda.model import (
    CODEBOOK_NAMESPACE,
    PROJECT_ENTRY,
    PROJECT_NAMESPACE,
    SOURCES_FOLDER,
    GuidMaker,
    QdaCase,
    QdaCode,
    QdaSelection,
    QdaSource,
    QdaUser,
    QdpxSummary,
    VariableValue,
    derived_guid,
    random_guid,
)
from research.refi_qda.validation import (
    validate_codebook_xml,
    validate_project_xml,
    validate_qdpx,
)
from research.refi_qda.writer import write_qdc, write_qdpx
from research.refi_qda.xmltext import xml_safe

__all__ = [
    "CODEBOOK_NAMESPACE",
    "PROJECT_ENTRY",
    "PROJECT_NAMESPACE",
    "SOURCES_FOLDER",
    "GuidMaker",
    "QdaCase",
    "QdaCode",
    "QdaSelection",
    "QdaSource",
    "QdaUser",
    "QdpxSummary",
    "VariableValue",
    "derived_guid",
    "random_guid",
    "validate_codebook_xml",
    "validate_project_xml",
    "validate_qdpx",
    "write_qdc",
    "write_qdpx",
    "xml_safe",
]
