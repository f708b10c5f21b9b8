"""Regular expressions shared by the readers: numbering, horizons, values and units."""

import re

_LETTERS = r"A-Za-zĐđÀ-ỹ&"
CODE = re.compile(
    rf"(?<![\w/])(\d{{1,5}}[a-z]?(?:\s?-\s?[{_LETTERS}][{_LETTERS}0-9]*\s?/\s?[{_LETTERS}][{_LETTERS}0-9]*"
    rf"(?:-[{_LETTERS}][{_LETTERS}0-9]*)?"
    rf"|\s?/\s?(?:\d{{4}}\s?/\s?)?[{_LETTERS}][{_LETTERS}0-9.]*(?:/[{_LETTERS}][{_LETTERS}0-9]*)?"
    rf"(?:\s?-\s?[{_LETTERS}][{_LETTERS}0-9]*)*))"
    rf"(?![\w/])"
)
ROMAN = re.compile(r"^(?:X{0,2})(?:IX|IV|V?I{0,3})$")
ITEM = re.compile(
    r"^\s*((?:[IVX]{1,5}|[A-H]|[J-U]|\d{1,3}(?:\.\d{1,2}){0,3})[.\-/](?=\s)|\d{1,3}(?:\.\d{1,2}){1,3}(?=\s)"
    r"|[a-zđ]\)|[a-zđ]\.(?=\s)|[-+•*–](?=\s))\s*(\S.*)$"
)
HORIZON = re.compile(r"(?:tầm nhìn\s+)?(?:đến|tới)\s+(?:năm\s+)?(20\d\d)", re.IGNORECASE)
LISTED = re.compile(
    r"(\d+)\s+(nhiệm vụ|nhóm nhiệm vụ|giải pháp|nhóm giải pháp)[^:.;]*?(?:gồm|là|sau đây|như sau)"
    r"\s*:?\s*",
    re.I,
)
BREAKTHROUGH = re.compile(r"(\d+)\s+đột phá chiến lược\s+(?:về|là|gồm)?\s*:?\s*(.+)$", re.I)
CONNECTORS = re.compile(r"\.\s+(?:Bên cạnh đó|Đồng thời|Ngoài ra|Cùng với đó),\s*", re.IGNORECASE)
SENTENCE = re.compile(r"(?<=[.!?…;])\s+(?=[A-ZĐÀ-Ỹ“\"(])|(?<=[.!?…])\s+(?=\d+\.\s)")

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_UNIT = (
    r"%\s*/\s*năm|%\s*(?:GRDP|GDP)\b|%|"
    r"(?:nghìn tỷ|ngàn tỷ|triệu tỷ|tỷ|triệu|nghìn|ngàn)\s+(?:đồng|USD)"
    r"(?:\s*/\s*(?:người|ha|năm)){0,2}|"
    r"USD(?:\s*/\s*(?:người|năm)){0,2}|"
    r"triệu\s+(?:lượt\s+)?(?:khách(?:\s+du\s+lịch)?|lượt|người|tấn|cây)|(?:nghìn|ngàn)\s+(?:tấn|người|ha|lượt|cây)|"
    r"[a-zà-ỹ]+(?:\s[a-zà-ỹ]+)?\s*/\s*(?:1\s+)?(?:vạn|1\.000|nghìn|100\.000)\s+dân|bác sĩ|"
    r"(?:doanh nghiệp|hợp tác xã|lượt khách|lượt|km2|km|ha|tấn|MW|giường|xã|phường|huyện|thôn|bản|"
    r"trường|lao động|hộ|sản phẩm|đô thị|cụm công nghiệp|khu công nghiệp|đảng viên|"
    r"tổ chức cơ sở đảng|người)(?:\s*/\s*(?:năm|người))?|tuổi|điểm(?!\s+(?:du lịch|đến|đón))|"
    r"lần(?!\s+(?:đọc|thứ|xem))"
)
VALUE = re.compile(
    # "10 - 10,5%/năm", and "10%-12%/năm" when both values are percentages
    rf"(?<![\d/.,])(?P<low>{_NUMBER})(?:\s*(?P<pct>%)?\s*(?:[-–]|đến)\s*(?P<high>{_NUMBER}))?"
    rf"\s*(?(pct)(?=%))(?P<unit>{_UNIT})"
    rf"(?![\w/])(?!\s*/\s*\d)",
    re.IGNORECASE,
)
_BASE_YEAR = re.compile(
    r"(?:theo\s+)?giá\s+(?:so sánh|cố định|hiện hành|thực tế)(?:\s+năm\s+\d{4})?|"
    r"so với\s+(?:năm\s+\d{4}|cùng kỳ(?:\s+năm\s+\d{4})?)|năm gốc\s+\d{4}",
    re.IGNORECASE,
)
_TARGET_HORIZON = re.compile(
    r"(?:(?:giai đoạn|thời kỳ|nhiệm kỳ|5 năm)\s*\(?(?P<from>\d{4})\s*[-–]\s*(?P<to>\d{4})\)?)"
    r"|(?:(?:đến|tới|vào|trong)\s+(?:cuối\s+)?năm\s+(?P<by>\d{4}))|(?:(?:đến|tới)\s+(?P<by2>20\d\d))"
    r"|(?:(?<![\d/])năm\s+(?P<year>\d{4}))",
    re.IGNORECASE,
)
_ACTUAL_OF_PLAN = re.compile(
    r"\d[\d.,]*\s*%\s*/\s*\d|\d{1,3}(?:\.\d{3})+\s*/\s*\d|\d+\s*/\s*\d+\s+chỉ tiêu"
)
_RESULT = re.compile(
    r"\bđã\s+(?!đề ra|thông qua|xác định|nêu|ban hành|đặt ra|được (?:thông qua|phê duyệt))"
    r"|^Sau \d+ năm\b|"
    r"\bđược kéo\b|"
    r"\b(?:ước\s+(?:đạt|tính|thực hiện|tăng|giảm|cả năm|năm\s+\d{4})|dự ước|"
    r"đã\s+(?:đạt|thực hiện|hoàn thành)|đạt được|"
    r"nhiệm kỳ qua|vừa qua|so với cùng kỳ|năm qua|thực hiện được)\b"
    # who came to a meeting: "triệu tập 438 đại biểu, đại diện cho trên 182.000 đảng viên"
    r"|\b(?:triệu tập|tham dự|có mặt|đại diện cho)\b"
    # a score published with its rank: "PAR INDEX: Đạt 89,13%, hạng 22/63 (tăng 20 bậc)"
    r"|\bhạng\s+\d+\s*/\s*\d+|\b(?:tăng|giảm)\s+\d+\s+bậc\b",
    re.IGNORECASE,
)
