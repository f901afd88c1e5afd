"""The research app's models, defined in its sub-packages; Django finds them through here, so
their app label ("research") and migrations stay as they were.

- research/names/: who is who (pseudonyms, other names, sensitive terms);
- research/analysis/: projects, themes, coded items and passages, the matrix;
- research/exports/: exports and the items chosen for them.
"""

from research.analysis.models import (
    MatrixCell,
    Passage,
    ProjectItem,
    ResearchProject,
    Theme,
)
from research.exports.models import Export, ExportItem
from research.names.models import OtherName, Pseudonym, SensitiveTerm

__all__ = [
    "Export",
    "ExportItem",
    "MatrixCell",
    "OtherName",
    "Passage",
    "ProjectItem",
    "Pseudonym",
    "ResearchProject",
    "SensitiveTerm",
    "Theme",
]
