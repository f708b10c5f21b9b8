"""Bodies named in the text, resolved in the text's province, with their roles."""

import itertools
import re
from dataclasses import dataclass

from programmes.models import Body, BodyKind
from programmes.text import fold
from programmes.text_import.drafts import Draft, DraftBody, DraftTask
from programmes.text_import.helpers import _fold_chars
from programmes.text_import.vocabulary import (
    _ACTION,
    _HDND,
    _LEADER_TITLE,
    _UBND,
    DEPARTMENTS,
    NAMED_BODIES,
    PROVINCES,
)


def _province_pattern() -> str:
    names = sorted({fold(p) for p in PROVINCES}, key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\ ", r"\s+").replace(r"\-", r"\s*-\s*") for n in names)


_PROV = _province_pattern()
_DEPT_ALTERNATION = "|".join(f"(?:{pattern})" for _, pattern in DEPARTMENTS)
_SUFFIX = rf"(?:\s+(?:(?:tinh|thanh pho|tp\.?)\s+)?(?P<prov>{_PROV}))?"


def _department_name(folded: str) -> str:
    for name, pattern in DEPARTMENTS:
        if re.fullmatch(pattern, folded.strip()):
            return name
    return ""


@dataclass
class _Mention:
    start: int
    end: int
    name: str  # canonical, without province: "Sở Tài chính", "UBND tỉnh"
    province: str  # folded province named with it, or ""
    written: str


def _mentions(text: str, lined: str = "") -> list[_Mention]:
    """Bodies named in ``text``; ``lined`` is the same text with its line breaks, so that a place
    name never runs on into the next line."""
    folded = _fold_chars(text)
    found: list[_Mention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, name: str, province: str) -> None:
        if any(a < end and start < b for a, b in taken):
            return
        taken.append((start, end))
        found.append(_Mention(start, end, name, province, text[start:end]))

    # "các Sở: Lao động - Thương binh và Xã hội, Nội vụ, Tài chính, …": one name per department.
    for listing in re.finditer(
        r"\b(?:cac\s+)?so\s*:\s*|\bcac so\s+(?=" + _DEPT_ALTERNATION + ")", folded
    ):
        if text[listing.start() : listing.end()].strip()[:1] not in "cCS":
            continue
        position = listing.end()
        while True:
            dept = re.match(rf"({_DEPT_ALTERNATION})\b", folded[position:])
            if not dept:
                break
            name = _department_name(dept.group(1))
            add(position, position + dept.end(), f"Sở {name}", "")
            position += dept.end()
            sep = re.match(r"\s*(?:,|;|\bva\b)\s*", folded[position:])
            if not sep:
                break
            position += sep.end()
    # "HĐND-UBND tỉnh", "HĐND và UBND tỉnh": two bodies sharing "tỉnh" (but the joint office
    # "Văn phòng HĐND và UBND tỉnh" is one).
    for level, written in (("tỉnh", r"tinh\b"), ("thành phố", r"(?:thanh pho\b|tp\b\.?)")):
        for match in re.finditer(
            rf"(?<!van phong )(?<!thuong truc )\b({_HDND})\s*(?:-|&|va|,)\s*({_UBND})\s+{written}"
            rf"{_SUFFIX}",
            folded,
        ):
            add(match.start(1), match.end(1), f"HĐND {level}", match.group("prov") or "")
            add(match.start(2), match.end(), f"UBND {level}", match.group("prov") or "")
        # "Ủy ban MTTQ và các tổ chức chính trị - xã hội tỉnh": the front of the province.
        for match in re.finditer(
            r"\b((?:uy ban\s+|ub)?(?:mttq|mat tran to quoc)(?:\s+viet nam)?)\s+va\s+cac\s+"
            r"(?:to chuc chinh tri\s*-\s*xa hoi|doan the(?:\s+chinh tri\s*-\s*xa hoi)?)\s+"
            + written,
            folded,
        ):
            add(match.start(1), match.end(1), f"Ủy ban MTTQ Việt Nam {level}", "")
    for match in re.finditer(rf"\bso\s+({_DEPT_ALTERNATION})\b{_SUFFIX}", folded):
        if text[match.start()] != "S":  # "số" (number) folds like "sở"
            continue
        name = _department_name(match.group(1))
        add(match.start(), match.end(), f"Sở {name}", match.group("prov") or "")
    # Bodies of a commune or a district, named by their place: "UBND xã Đăk Ngọk", "Huyện ủy
    # Chơn Thành", "Phòng Nội vụ", "Văn phòng - Thống kê xã".
    for match in _LOCAL.finditer(lined or text):
        kind = match.group("kind") or match.group("kind2")
        kind = {
            "ủy ban nhân dân": "UBND",
            "uỷ ban nhân dân": "UBND",
            "hội đồng nhân dân": "HĐND",
        }.get(kind.lower(), kind)
        group = "place" if match.group("place") else "place2"
        # A place name is its words in capitals: "Thành ủy Hà Nội đốc thúc" names Hà Nội.
        words = list(re.finditer(r"\S+", match.group(group)))
        kept = list(itertools.takewhile(lambda w: w.group(0)[0].isupper(), words))
        if not kept:
            continue
        place = match.group(group)[: kept[-1].end()]
        if fold(place) in _PROVINCE_KEYS:
            continue  # "Thành ủy Đà Nẵng", "UBND thành phố Hải Phòng": the province's own
        parts = (kind, match.group("level"), place)
        end = match.start(group) + len(place)
        add(match.start(), end, " ".join(part for part in parts if part), "")
    # The longest name first: "Văn phòng UBND TP" is the office, not the committee.
    named = [
        (match, name)
        for name, pattern in NAMED_BODIES
        for match in re.finditer(rf"\b(?:{pattern}){_SUFFIX}(?![\w])", folded)
    ]
    for match, name in sorted(named, key=lambda pair: pair[0].start() - pair[0].end()):
        if name.startswith("Thành") and text[match.start()].islower():
            continue  # "các huyện ủy, thành ủy": the cities of a province, no one body
        add(match.start(), match.end(), name, match.group("prov") or "")
    for match in re.finditer(
        rf"\bphong\s+({_DEPT_ALTERNATION})\b(?!\s+thuoc\s+(?:ubnd|uy ban nhan dan)\s+cap)", folded
    ):
        # "phòng, chống" is no office; "Phòng Nội vụ thuộc UBND cấp huyện" is a kind of office
        if text[match.start()] == "P":
            add(match.start(), match.end(), f"Phòng {_department_name(match.group(1))}", "")
    for match in re.finditer(r"\bvan phong\s*-\s*thong ke\s+(?:xa|phuong)\b", folded):
        add(match.start(), match.end(), text[match.start() : match.end()], "")
    return sorted(found, key=lambda m: m.start)


_PLACE = r"[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:[ \t]+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3}"
_PROVINCE_KEYS = {fold(p) for p in PROVINCES}
_LOCAL = re.compile(
    r"(?<![\wÀ-ỹ])(?P<kind>UBND|HĐND|[ỦUủu][ỷy] ban nhân dân|Hội đồng nhân dân)\s+"
    r"(?P<level>xã|phường|thị trấn|huyện|quận|thị xã|thành phố)\s+(?P<place>" + _PLACE + r")"
    r"|(?<![\wÀ-ỹ])(?P<kind2>Huyện [ủu][ỷy]|Thị [ủu][ỷy]|Thành [ủu][ỷy]"
    r"|Đảng [ủu][ỷy] (?:xã|phường|thị trấn))"
    r"\s+(?P<place2>" + _PLACE + r")"
)


def _role(folded: str, mention: _Mention) -> str:
    """ "X chủ trì", "chủ trì: X" → lead; "phối hợp (với) X, Y" up to the next action, or
    "X … phối hợp" → coordinating. A leader's title before X ("Bí thư Tỉnh ủy chủ trì phiên
    họp") gives the body no role: the person chairs, the body leads nothing."""
    before = folded[max(0, mention.start - 160) : mention.start]
    after = folded[mention.end : mention.end + 40]
    if _LEADER_TITLE.search(before):
        return ""
    if re.match(
        r"\s*(?:\([^)]*\)\s*)?,?\s*(?:lam\s+)?(?:co quan\s+)?chu tri\b"
        r"(?!\s*(?:phien|hoi nghi|cuoc|buoi))",
        after,
    ):
        return "lead"
    if re.search(r"(?:co quan\s+)?chu tri\s*:\s*$", before):
        return "lead"
    # "Sở X - Cơ quan thường trực Ban Tổ chức … (Ban Tổ chức) chủ trì": X, named with its office
    if re.match(
        r"\s*-\s*co quan thuong truc[^;.,:]{0,120}?\s(?:\([^)]*\)\s*)?chu tri\b",
        folded[mention.end : mention.end + 170],
    ):
        return "lead"
    span = re.search(r"phoi hop(?:\s+voi)?\s*:?\s*((?:(?!" + _ACTION + r")[^;.])*)$", before)
    # "phối hợp với Sở Y, UBND các huyện …" names partners; "quy chế phối hợp công tác giữa X
    # và Y" names a relation, not a role.
    if span and not re.search(r"\b(?:giua|cong tac|trong|ve|cua|quy che)\b", span.group(1)):
        return "coordinating"
    if re.match(r"\s*(?:va\s+[^;.]*?)?phoi hop\b", after) and not re.search(r"chu tri", after[:30]):
        return "coordinating"
    # "giao Văn phòng Thành ủy, Văn phòng HĐND TP, Văn phòng UBND TP phối hợp theo dõi": the
    # bodies given the work together, none of them leading.
    listed = folded[mention.end : mention.end + 120]
    if re.search(
        r"\b(?:giao|yeu cau|de nghi)\s+(?:(?:(?!" + _ACTION + r")[^;.:])*,\s*)?$", before
    ) and re.match(
        r"\s*,(?:(?!" + _ACTION + r"|chu tri)[^;.:]){0,100}?\bphoi hop\b(?!\s+voi)", listed
    ):
        return "coordinating"
    # "ông Hoan giao Sở Nội vụ điều chỉnh …", "yêu cầu Sở Nội vụ hoàn thiện kế hoạch …": the
    # body asked to act leads.
    if re.search(r"\b(?:giao|yeu cau)\s*(?:cho\s+)?$", before) and re.match(
        r"\s*(?:" + _ACTION + r"|dieu chinh|hoan thien|lap\b|khan truong)", after
    ):
        return "lead"
    return ""


_Registry = tuple[dict[tuple[str, str], tuple[int, str]], dict[str, list[tuple[int, str, str]]]]


def _registry() -> _Registry:
    """Registered bodies by (folded canonical name, folded province) and by name alone."""
    rows = list(Body.objects.values_list("pk", "name", "kind", "parent_id", "active_to"))
    by_pk = {pk: (name, kind, parent) for pk, name, kind, parent, _active_to in rows}

    def province_of(pk: int) -> str:
        seen = 0
        while pk and seen < 20:
            name, kind, parent = by_pk[pk]
            if kind == BodyKind.PROVINCE:
                return fold(name).removeprefix("tinh ").removeprefix("thanh pho ")
            pk, seen = parent, seen + 1
        return ""

    exact: dict[tuple[str, str], tuple[int, str]] = {}
    loose: dict[str, list[tuple[int, str, str]]] = {}
    for pk, name, kind, _parent, active_to in rows:
        if kind == BodyKind.PROVINCE or active_to is not None:
            continue
        prov = province_of(pk)
        key = _body_key(name, prov)
        exact.setdefault((key, prov), (pk, name))
        loose.setdefault(key, []).append((pk, name, prov))
    return exact, loose


def _body_key(name: str, province: str = "") -> str:
    key = fold(name)
    key = re.sub(r"\buy ban nhan dan\b", "ubnd", key)
    key = re.sub(r"\bhoi dong nhan dan\b", "hdnd", key)
    key = re.sub(r"\bmat tran to quoc\b", "mttq", key)
    key = re.sub(r"\bban chap hanh\b", "bch", key)
    key = re.sub(r"\bban thuong vu\b", "btv", key)
    key = re.sub(r"\s*-\s*", " - ", key)
    if province:
        key = re.sub(rf"\s+(?:tinh\s+)?{re.escape(province)}$", "", key)
    return " ".join(key.split())


def _resolve(
    mention: _Mention, text_province: str, exact: dict, loose: dict
) -> tuple[int | None, str]:
    province = mention.province or fold(text_province)
    key = _body_key(mention.name)
    if province:
        hit = exact.get((key, province)) or exact.get((key.removesuffix(" tinh"), province))
        if hit:
            return hit
        generic = exact.get((key, "")) or exact.get((key.removesuffix(" tinh"), ""))
        if generic:
            return generic
        # Not registered: offered under the name the text uses, with the province when it is
        # another province's body.
        other = mention.province and mention.province != fold(text_province)
        return None, _with_province(mention.name, mention.province) if other else mention.name
    candidates = loose.get(key, []) + (
        loose.get(key.removesuffix(" tinh"), []) if key.endswith(" tinh") else []
    )
    if len(candidates) == 1:
        pk, name, _province = candidates[0]
        return pk, name
    return None, mention.name


def _with_province(name: str, province_folded: str) -> str:
    if not province_folded:
        return name
    proper = next(
        (p for p in PROVINCES if fold(p) == " ".join(province_folded.split())), province_folded
    )
    if name.endswith(("tỉnh", "Tỉnh ủy")):
        return f"{name} {proper}"
    return f"{name} tỉnh {proper}"


def _body_name(written: str) -> str:
    mentions = _mentions(written)
    return mentions[0].name if mentions else ""


def _bodies(text: str, draft: Draft, registry: "_Registry") -> None:
    """The bodies named, resolved in the text's province, with the best role each is given."""
    flat = text.replace("\n", " ")
    folded = _fold_chars(flat)
    exact, loose = registry
    issuer_spans = [
        (m.start(), m.end())
        for m in re.finditer(r"[^.;]{0,80}?\s(?:da\s+|vua\s+)?ban hanh\b", folded)
    ]
    found: dict[str, DraftBody] = {}
    for mention in _mentions(flat, text):
        body_id, name = _resolve(mention, draft.province, exact, loose)
        role = _role(folded, mention)
        if any(a <= mention.start < b and b - mention.end < 30 for a, b in issuer_spans):
            role = ""
        key = str(body_id) if body_id else _body_key(name)
        current = found.get(key)
        rank = {"lead": 2, "coordinating": 1, "": 0}
        if current is None:
            found[key] = DraftBody(body_id, name, role, mention.written)
        elif rank[role] > rank[current.role]:
            current.role = role
    draft.bodies = list(found.values())


def _assign(tasks: list[DraftTask], draft: Draft, registry: "_Registry") -> None:
    """Each task's lead and coordinating bodies from its own words."""
    exact, loose = registry
    index = {(b.body_id, _body_key(b.name)): b for b in draft.bodies}
    for task in tasks:
        text = task.title
        folded = _fold_chars(text)
        mentions = _mentions(text)
        lead: tuple[int | None, str] | None = None
        coordinating: list[tuple[int | None, str]] = []
        joint: list[tuple[int | None, str]] = []
        for position, mention in enumerate(mentions):
            role = _role(folded, mention)
            resolved = _resolve(mention, draft.province, exact, loose)
            # "Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ đội Biên phòng tỉnh tổ chức …": the bodies
            # heading the sentence together all carry out its work.
            if (
                lead is not None
                and not role
                and len(joint) == position - 1
                and re.fullmatch(
                    r"\s*(?:,|va)\s*", folded[mentions[position - 1].end : mention.start]
                )
                and re.match(r"\s*(?:-|:|\(|,)?\s*[a-z]", folded[mention.end :])
                and not re.match(_REQUESTS, folded[mention.end :])
            ):
                joint.append(resolved)
                continue
            if role == "lead" and lead is None:
                lead = resolved
            elif role == "coordinating":
                coordinating.append(resolved)
            elif (
                position == 0
                and lead is None
                # "Sở X tổng hợp …", "Giao Giám đốc Sở X hướng dẫn …": the one who acts leads
                and re.match(
                    r"^\s*(?:(?:pho\s+)?giam doc|thu truong)?\s*$", folded[: mention.start]
                )
                and re.match(r"\s*(?:-|:|\(|,)?\s*[a-z]", folded[mention.end :])
                and not re.match(_REQUESTS, folded[mention.end :])
                and not _LEADER_TITLE.search(folded[: mention.start])
            ):
                lead = resolved
        if lead:
            task.lead_id, task.lead_name = lead
            for each in [lead, *joint]:
                body = index.get((each[0], _body_key(each[1])))
                if body and not body.role:
                    body.role = "lead"
        for body_id, name in coordinating:
            if body_id and body_id not in task.coordinating_ids:
                task.coordinating_ids.append(body_id)
            if name not in task.coordinating_names:
                task.coordinating_names.append(name)


def _assign_cells(tasks: list[DraftTask], draft: Draft, registry: "_Registry") -> None:
    """A task table names its lead and coordinating bodies in their own cells."""
    exact, loose = registry
    index = {(b.body_id, _body_key(b.name)): b for b in draft.bodies}
    rank = {"lead": 2, "coordinating": 1, "": 0}
    for task in tasks:
        written_lead, written_coordinating = task.lead_name, task.coordinating_names
        task.coordinating_names = []
        for role, written in [("lead", written_lead)] + [
            ("coordinating", c) for c in written_coordinating
        ]:
            mentions = _mentions(written)
            if not mentions:
                if role == "lead":
                    task.lead_name = written  # "Các sở, ngành": kept as written
                else:
                    task.coordinating_names.append(written)
                continue
            for mention in mentions[:1] if role == "lead" else mentions:
                body_id, name = _resolve(mention, draft.province, exact, loose)
                if role == "lead":
                    task.lead_id, task.lead_name = body_id, name
                else:
                    if body_id and body_id not in task.coordinating_ids:
                        task.coordinating_ids.append(body_id)
                    task.coordinating_names.append(name)
                body = index.get((body_id, _body_key(name)))
                if body and rank[role] > rank[body.role]:
                    body.role = role


_REQUESTS = (
    r"\s*(?:\w+\s+){0,2}?(?:cung\s+)?"
    r"(?:de nghi|yeu cau|giao|chi dao|ban hanh|quyet dinh|thong qua)\b"
)
