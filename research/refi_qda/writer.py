"""Writing .qdpx projects and .qdc codebooks, streaming."""

from __future__ import annotations

import functools
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import IO

from bridging_gaps.zipping import ZipTime, one_pass, zip_time
from research.refi_qda import xmltext as x
from research.refi_qda.model import (
    CODEBOOK_NAMESPACE,
    CODEBOOK_SCHEMA_URL,
    PROJECT_ENTRY,
    PROJECT_NAMESPACE,
    PROJECT_SCHEMA_URL,
    SOURCES_FOLDER,
    QdaCase,
    QdaCode,
    QdaSelection,
    QdaSource,
    QdaUser,
    QdpxSummary,
    VariableValue,
    canonical_guid,
    derived_guid,
)

_SPOOL_BYTES = 4 * 1024 * 1024  # the Sources XML stays in memory up to this, then goes to disk
_XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
_RGB_DIGITS = frozenset("0123456789abcdefABCDEF")


# --- Checks made before anything is written ---------------------------------------------------


def _index_codes(codes: Sequence[QdaCode]) -> dict[str, QdaCode]:
    """GUID -> code for the whole tree; ValueError for a bad GUID, a repeat or a bad colour."""
    index: dict[str, QdaCode] = {}
    pending = list(codes)
    while pending:
        code = pending.pop()
        guid = canonical_guid(code.guid, f"code {code.name!r}")
        if guid in index:
            raise ValueError(f"two codes share the GUID {guid}")
        color = code.color
        if color is not None and not (
            len(color) in (4, 7) and color[0] == "#" and set(color[1:]) <= _RGB_DIGITS
        ):
            raise ValueError(f"code {code.name!r} has a colour that is not #rgb or #rrggbb")
        index[guid] = code
        pending.extend(code.children)
    return index


def _user(value: str | None, users: set[str], what: str) -> str | None:
    if value is None:
        return None
    guid = canonical_guid(value, what)
    if guid not in users:
        raise ValueError(f"{what} names a creating user who is not among the users")
    return guid


# Order matters: a bool is an int, a datetime is a date.
_VARIABLE_TYPES: tuple[tuple[type, str], ...] = (
    (bool, "Boolean"),
    (int, "Integer"),
    (float, "Float"),
    (Decimal, "Float"),
    (datetime, "DateTime"),
    (date, "Date"),
    (str, "Text"),
)


def _variables(cases: Sequence[QdaCase]) -> dict[str, str]:
    """Variable name -> typeOfVariable, in first-seen order. Integers among floats are Float."""
    types: dict[str, str] = {}
    for case in cases:
        for name, value in case.variables.items():
            if value is None:
                continue
            found = next((t for python, t in _VARIABLE_TYPES if isinstance(value, python)), None)
            if found is None:
                raise TypeError(f"variable {name!r} cannot hold a {type(value).__name__}")
            known = types.get(name)
            if known is None or known == found:
                types[name] = found
            elif {known, found} == {"Integer", "Float"}:
                types[name] = "Float"
            else:
                raise ValueError(f"variable {name!r} mixes {known} and {found} values")
    return types


def _variable_value(type_name: str, value: VariableValue) -> str:
    if type_name == "Boolean":
        return "true" if value else "false"
    if type_name == "Float" and isinstance(value, int | float | Decimal):
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            raise ValueError(f"a Float variable cannot hold {value!r}")
        return format(number, "f")  # xsd:decimal has no exponent
    if type_name == "DateTime" and isinstance(value, datetime):
        return x.when(value) or ""
    if type_name == "Date" and isinstance(value, date):
        return value.isoformat()
    return x.text(str(value))


# --- Shared pieces ----------------------------------------------------------------------------


def _write_codes(out: x.Writer, codes: Sequence[QdaCode], depth: int) -> None:
    pad = "\n" + "  " * depth
    for code in codes:
        attributes = x.attrs(
            guid=canonical_guid(code.guid, "code"),
            name=code.name,
            isCodable="true" if code.is_codable else "false",
            color=code.color,
        )
        if not code.description and not code.children:
            out.write(f"{pad}<Code{attributes}/>")
            continue
        out.write(f"{pad}<Code{attributes}>{x.description(code.description, pad + '  ')}")
        _write_codes(out, code.children, depth + 1)
        out.write(f"{pad}</Code>")


@functools.lru_cache(maxsize=4)
def _zip_time(moment: datetime) -> ZipTime:
    """``moment`` in UTC as ZIP time: one tuple for every member written at the same moment."""
    return zip_time(moment.astimezone(UTC))


def _zip_member(name: str, moment: datetime) -> zipfile.ZipInfo:
    """A deflated, world-readable ZIP entry stamped with ``moment``."""
    member = zipfile.ZipInfo(name, date_time=_zip_time(moment))
    member.compress_type = zipfile.ZIP_DEFLATED
    member.external_attr = 0o644 << 16
    return member


# --- Projects ---------------------------------------------------------------------------------


class _Sources:
    """Checks and writes the sources one at a time, remembering only GUIDs."""

    def __init__(self, users: set[str], codes: dict[str, QdaCode], cases: list[str]) -> None:
        self.users, self.codes = users, codes
        self.seen: set[str] = {*users, *codes, *cases}
        self.members: dict[str, list[str]] = {guid: [] for guid in cases}
        self.sources = self.selections = self.codings = 0

    def _new(self, value: str, what: str) -> str:
        guid = canonical_guid(value, what)
        if guid in self.seen:
            raise ValueError(f"{what} reuses the GUID {guid}")
        self.seen.add(guid)
        return guid

    def write(
        self, source: QdaSource, archive: zipfile.ZipFile, out: x.Writer, moment: datetime
    ) -> None:
        what = f"source {source.name!r}"
        guid = self._new(source.guid, what)
        member = _zip_member(f"{SOURCES_FOLDER}/{guid}.txt", moment)
        archive.writestr(member, x.source_bytes(source.text))
        for case in source.case_guids:
            case_guid = canonical_guid(case, f"case of {what}")
            if case_guid not in self.members:
                raise ValueError(f"{what} names a case that is not among the cases")
            self.members[case_guid].append(guid)
        attributes = x.attrs(
            guid=guid,
            name=source.name,
            plainTextPath=f"internal://{guid}.txt",
            creatingUser=_user(source.creating_user, self.users, what),
            creationDateTime=x.when(source.created_at),
        )
        out.write(f"\n    <TextSource{attributes}>")
        out.write(x.description(source.description, "\n      "))
        for selection in source.selections:
            self._selection(selection, len(source.text), out)
        out.write("\n    </TextSource>")
        self.sources += 1

    def _selection(self, selection: QdaSelection, length: int, out: x.Writer) -> None:
        guid = self._new(selection.guid, "a selection")
        if not 0 <= selection.start < selection.end <= length:
            raise ValueError(
                f"selection {guid} runs from {selection.start} to {selection.end} "
                f"but its source has {length} characters"
            )
        user = _user(selection.creating_user, self.users, f"selection {guid}")
        moment = x.when(selection.created_at)
        attributes = x.attrs(
            guid=guid,
            name=selection.name,
            startPosition=str(selection.start),
            endPosition=str(selection.end),
            creatingUser=user,
            creationDateTime=moment,
        )
        out.write(f"\n      <PlainTextSelection{attributes}>")
        out.write(x.description(selection.memo, "\n        "))
        for code in selection.code_guids:
            code_guid = canonical_guid(code, f"a code of selection {guid}")
            found = self.codes.get(code_guid)
            if found is None:
                raise ValueError(f"selection {guid} is coded with a code not in the codebook")
            if not found.is_codable:
                raise ValueError(f"selection {guid} is coded with {found.name!r}, not codable")
            coding = x.attrs(
                guid=derived_guid("coding", guid, code_guid),
                creatingUser=user,
                creationDateTime=moment,
            )
            out.write(f'\n        <Coding{coding}><CodeRef targetGUID="{code_guid}"/></Coding>')
            self.codings += 1
        out.write("\n      </PlainTextSelection>")
        self.selections += 1


def _write_case(
    out: x.Writer, case: QdaCase, guid: str, variables: dict[str, str], sources: list[str]
) -> None:
    out.write(f"\n    <Case{x.attrs(guid=guid, name=case.name)}>")
    out.write(x.description(case.description, "\n      "))
    for name, value in case.variables.items():
        if value is None:
            continue
        type_name = variables[name]
        out.write(
            "\n      <VariableValue>"
            f'<VariableRef targetGUID="{derived_guid("variable", name)}"/>'
            f"<{type_name}Value>{_variable_value(type_name, value)}</{type_name}Value>"
            "</VariableValue>"
        )
    for source in sources:
        out.write(f'\n      <SourceRef targetGUID="{source}"/>')
    out.write("\n    </Case>")


def write_qdpx(
    fileobj: IO[bytes],
    *,
    project_name: str,
    origin: str,
    users: Sequence[QdaUser],
    codes: Sequence[QdaCode],
    sources: Iterable[QdaSource],
    cases: Sequence[QdaCase] = (),
    created_at: datetime | None = None,
    creating_user: str | None = None,
    description: str = "",
) -> QdpxSummary:
    """Write a REFI-QDA project (.qdpx) to ``fileobj``, a binary stream that need not seek.

    ``sources`` is read once, one source at a time: each text goes into the ZIP at once, its
    XML to a spooled temporary file that is copied into project.qde at the end (the schema
    wants Cases, which list their sources, before Sources). References are checked (users,
    codes, cases, selection bounds, one GUID per thing) and the first problem raises
    ValueError, leaving a broken file: write to a temporary file and keep it only on success.
    The same inputs with the same ``created_at`` give the same bytes.
    """
    moment = created_at or datetime.now(UTC)
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    user_guids = [canonical_guid(user.guid, f"user {user.name!r}") for user in users]
    code_index = _index_codes(codes)
    case_guids = [canonical_guid(case.guid, f"case {case.name!r}") for case in cases]
    # A code may share the GUID of the case of the same name: NVivo writes cases so, and
    # QualCoder links a case to its texts only through such a code's codings.
    cases_by_guid = {guid: case.name for case, guid in zip(cases, case_guids, strict=True)}
    case_codes = {guid for guid, code in code_index.items() if cases_by_guid.get(guid) == code.name}
    named = [*user_guids, *(g for g in code_index if g not in case_codes), *case_guids]
    if len(set(named)) != len(named):
        raise ValueError("users, codes and cases must all have different GUIDs")
    variables = _variables(cases)
    project_user = _user(creating_user, set(user_guids), "the project")
    written = _Sources(set(user_guids), code_index, case_guids)

    with (
        one_pass(fileobj) as forward,
        zipfile.ZipFile(forward, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as spool,
    ):
        spooled = x.Writer(spool)
        for source in sources:
            written.write(source, archive, spooled, moment)
        spooled.flush()

        with archive.open(_zip_member(PROJECT_ENTRY, moment), mode="w") as raw:
            out = x.Writer(raw)
            root = x.attrs(
                name=project_name,
                origin=origin,
                creatingUserGUID=project_user,
                creationDateTime=x.when(moment),
                xmlns=PROJECT_NAMESPACE,
            )
            out.write(
                f'<?xml version="1.0" encoding="utf-8"?>\n<Project{root} {_XSI}'
                f' xsi:schemaLocation="{PROJECT_NAMESPACE} {PROJECT_SCHEMA_URL}">'
            )
            if users:
                out.write("\n  <Users>")
                for user, guid in zip(users, user_guids, strict=True):
                    out.write(f"\n    <User{x.attrs(guid=guid, name=user.name)}/>")
                out.write("\n  </Users>")
            if codes:
                out.write("\n  <CodeBook>\n    <Codes>")
                _write_codes(out, codes, 3)
                out.write("\n    </Codes>\n  </CodeBook>")
            if variables:
                out.write("\n  <Variables>")
                for name, type_name in variables.items():
                    guid = derived_guid("variable", name)
                    variable = x.attrs(guid=guid, name=name, typeOfVariable=type_name)
                    out.write(f"\n    <Variable{variable}/>")
                out.write("\n  </Variables>")
            if cases:
                out.write("\n  <Cases>")
                for case, guid in zip(cases, case_guids, strict=True):
                    _write_case(out, case, guid, variables, written.members[guid])
                out.write("\n  </Cases>")
            if written.sources:
                out.write("\n  <Sources>")
                out.flush()
                spool.seek(0)
                shutil.copyfileobj(spool, raw)
                out.write("\n  </Sources>")
            out.write(x.description(description, "\n  "))
            out.write("\n</Project>\n")
            out.flush()
    return QdpxSummary(written.sources, written.selections, written.codings)


# --- Codebooks --------------------------------------------------------------------------------


def write_qdc(fileobj: IO[bytes], *, codes: Sequence[QdaCode], origin: str) -> None:
    """Write a REFI-QDA codebook (.qdc) to ``fileobj``.

    The codebook schema holds codes only: no users, dates or memos beyond each code's
    description. It needs at least one code.
    """
    if not codes:
        raise ValueError("a codebook needs at least one code")
    _index_codes(codes)
    out = x.Writer(fileobj)
    out.write(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f"<CodeBook{x.attrs(origin=origin, xmlns=CODEBOOK_NAMESPACE)} {_XSI}"
        f' xsi:schemaLocation="{CODEBOOK_NAMESPACE} {CODEBOOK_SCHEMA_URL}">\n  <Codes>'
    )
    _write_codes(out, codes, 2)
    out.write("\n  </Codes>\n</CodeBook>\n")
    out.flush()
