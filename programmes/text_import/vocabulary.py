"""Vocabulary: provinces, cities, the bodies' names and kinds as officials write them."""

import re

from programmes.documents import DocumentKind

# Cities directly under the centre: their bodies are "… thành phố" and their party committee the
# "Thành ủy".
CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"}

PROVINCES = [
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bạc Liêu",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Định",
    "Bình Dương",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Cần Thơ",
    "Đà Nẵng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Nội",
    "Hà Tĩnh",
    "Hải Dương",
    "Hải Phòng",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thừa Thiên Huế",
    "Tiền Giang",
    "Hồ Chí Minh",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
    "Huế",
]

# Departments (sở) as written in full and in the usual abbreviations, folded.
DEPARTMENTS: list[tuple[str, str]] = [
    (
        "Lao động - Thương binh và Xã hội",
        r"lao dong\s*[-,–]?\s*thuong binh va xa hoi|ld\s*-?\s*tb\s*[&-]\s*xh|ldtbxh",
    ),
    (
        "Văn hóa, Thể thao và Du lịch",
        r"van hoa,?\s*the thao va du lich|vhtt\s*&\s*dl|vh\s*-\s*tt\s*[&-]\s*dl|vhttdl",
    ),
    (
        "Nông nghiệp và Phát triển nông thôn",
        r"nong nghiep va phat trien nong thon|nn\s*[&-]\s*ptnt|nnptnt",
    ),
    ("Nông nghiệp và Môi trường", r"nong nghiep va moi truong|nn\s*&\s*mt"),
    ("Tài nguyên và Môi trường", r"tai nguyen va moi truong|tn\s*[&-]\s*mt|tnmt"),
    ("Kế hoạch và Đầu tư", r"ke hoach\s*(?:va|&)\s*dau tu|kh\s*[&-]\s*dt|khdt"),
    ("Thông tin và Truyền thông", r"thong tin va truyen thong|tt\s*[&-]\s*tt|tttt"),
    ("Khoa học và Công nghệ", r"khoa hoc va cong nghe|kh\s*[&-]\s*cn|khcn"),
    ("Giáo dục và Đào tạo", r"giao duc va dao tao|gd\s*[&-]\s*dt|gddt"),
    ("Giao thông vận tải", r"giao thong van tai|gtvt"),
    ("Văn hóa và Thể thao", r"van hoa va the thao|vh\s*-\s*tt(?!\s*[&-]\s*dl)"),
    ("Dân tộc và Tôn giáo", r"dan toc va ton giao"),
    ("Quy hoạch - Kiến trúc", r"quy hoach\s*-\s*kien truc|qh\s*-\s*kt"),
    ("Công Thương", r"cong thuong"),
    ("Tài chính", r"tai chinh"),
    ("Xây dựng", r"xay dung"),
    ("Nội vụ", r"noi vu"),
    ("Tư pháp", r"tu phap"),
    ("Ngoại vụ", r"ngoai vu"),
    ("Du lịch", r"du lich"),
    ("Y tế", r"y te"),
]

_UBND = r"(?:ubnd|uy ban nhan dan)"
_HDND = r"(?:hdnd|hoi dong nhan dan)"
# Provincial bodies other than departments: (name, folded pattern), most specific first.
NAMED_BODIES: list[tuple[str, str]] = [
    ("Ban Chấp hành Đảng bộ tỉnh", r"(?:ban chap hanh|bch)\s+dang bo\s+tinh"),
    ("Ban Thường vụ Tỉnh ủy", r"(?:ban thuong vu|btv)\s+tinh uy"),
    ("Ban Thường vụ Đảng ủy UBND tỉnh", rf"(?:ban thuong vu|btv)\s+dang uy\s+{_UBND}\s+tinh"),
    ("Thường trực Tỉnh ủy", r"(?<!bi thu )thuong truc\s+tinh uy"),
    ("Ủy ban Kiểm tra Tỉnh ủy", r"(?:uy ban kiem tra|ubkt)\s+tinh uy"),
    ("Văn phòng Tỉnh ủy", r"van phong\s+tinh uy"),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", r"ban tuyen giao va dan van\s+tinh uy"),
    ("Ban Tổ chức Tỉnh ủy", r"ban to chuc\s+tinh uy"),
    ("Ban Tuyên giáo Tỉnh ủy", r"ban tuyen giao\s+tinh uy"),
    ("Ban Dân vận Tỉnh ủy", r"ban dan van\s+tinh uy"),
    ("Ban Nội chính Tỉnh ủy", r"ban noi chinh\s+tinh uy"),
    ("Đảng đoàn HĐND tỉnh", rf"dang doan\s+{_HDND}\s+tinh"),
    ("Ban cán sự đảng UBND tỉnh", rf"ban can su dang\s+{_UBND}\s+tinh"),
    ("Đảng ủy UBND tỉnh", rf"dang uy\s+{_UBND}\s+tinh"),
    ("Thường trực HĐND tỉnh", rf"thuong truc\s+{_HDND}\s+tinh"),
    # the committees of the council: "Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh"
    ("Ban Kinh tế - Ngân sách HĐND tỉnh", rf"ban kinh te\s*-\s*ngan sach\s+{_HDND}\s+tinh"),
    ("Ban Văn hóa - Xã hội HĐND tỉnh", rf"ban van hoa\s*-\s*xa hoi\s+{_HDND}\s+tinh"),
    ("Ban Pháp chế HĐND tỉnh", rf"ban phap che\s+{_HDND}\s+tinh"),
    ("Ban Dân tộc HĐND tỉnh", rf"ban dan toc\s+{_HDND}\s+tinh"),
    ("Văn phòng HĐND và UBND tỉnh", rf"van phong\s+{_HDND}\s*(?:-|&|va)\s*{_UBND}\s+tinh"),
    ("Văn phòng UBND tỉnh", rf"van phong\s+{_UBND}\s+tinh"),
    ("Văn phòng HĐND tỉnh", rf"van phong\s+{_HDND}\s+tinh"),
    # "gửi Văn phòng Uỷ ban nhân dân trước ngày …": the office of the text's own committee
    ("Văn phòng UBND tỉnh", rf"van phong\s+{_UBND}(?=\s*[.,;:)]|\s+truoc\b)"),
    (
        "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
        rf"van phong doan (?:dbqh|dai bieu quoc hoi) va {_HDND}\s+tinh",
    ),
    ("Đoàn ĐBQH tỉnh", r"doan (?:dbqh|dai bieu quoc hoi)\s+tinh"),
    (
        "UBND thành phố",
        rf"(?<!cac huyen, )(?<!cac huyen, thi xa, )(?<!cac quan, ){_UBND}\s+(?:tp\b\.?|thanh pho)"
        r"(?!\s+(?:truc thuoc|thuoc))",
    ),
    (
        "Ủy ban MTTQ Việt Nam tỉnh",
        r"(?:uy ban\s+|ub)?(?:mttq|mat tran to quoc)(?:\s+viet nam)?\s+tinh",
    ),
    ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", r"bo chi huy bo doi bien phong\s+tinh"),
    ("Bộ Chỉ huy Quân sự tỉnh", r"(?:bo chi huy quan su|bchqs)\s+tinh"),
    ("Công an tỉnh", r"cong an\s+tinh"),
    ("Đảng ủy Quân sự tỉnh", r"dang uy quan su\s+tinh"),
    ("Đảng ủy Công an tỉnh", r"dang uy cong an\s+tinh"),
    # the province's ethnic affairs board; the "Ủy ban Dân tộc" is the national committee
    ("Ban Dân tộc tỉnh", r"(?<!uy )(?<!ub )ban dan toc(?:\s+tinh)?(?!\s+(?:hdnd|hoi dong))"),
    ("Ủy ban Bầu cử tỉnh", r"uy ban bau cu\s+tinh"),
    ("Liên minh Hợp tác xã tỉnh", r"lien minh hop tac xa\s+tinh"),
    ("Liên đoàn Lao động tỉnh", r"lien doan lao dong\s+tinh"),
    ("Hội Liên hiệp Phụ nữ tỉnh", r"hoi lien hiep phu nu\s+tinh"),
    ("Hội Nông dân tỉnh", r"hoi nong dan\s+tinh"),
    ("Hội Cựu chiến binh tỉnh", r"hoi cuu chien binh\s+tinh"),
    ("Ban Vì sự tiến bộ phụ nữ tỉnh", r"ban vi su tien bo (?:cua )?phu nu\s+tinh"),
    ("Ban Quản lý các khu công nghiệp tỉnh", r"ban quan ly cac khu cong nghiep\s+tinh"),
    ("Ban Dân tộc tỉnh", r"ban dan toc\s+tinh"),
    ("Thanh tra tỉnh", r"thanh tra\s+tinh"),
    ("Viện Kiểm sát nhân dân tỉnh", r"vien kiem sat nhan dan\s+tinh"),
    ("Tòa án nhân dân tỉnh", r"toa an nhan dan\s+tinh"),
    ("Trường Chính trị tỉnh", r"truong chinh tri\s+tinh"),
    ("Đảng ủy các cơ quan Đảng tỉnh", r"dang uy cac co quan dang\s+tinh"),
    ("Đảng ủy Khối các cơ quan tỉnh", r"dang uy khoi cac co quan\s+tinh"),
    ("Đảng ủy Khối doanh nghiệp tỉnh", r"dang uy khoi doanh nghiep\s+tinh"),
    ("Cục Thuế tỉnh", r"cuc thue\s+tinh"),
    ("Cục Thống kê tỉnh", r"cuc thong ke\s+tinh"),
    ("Kho bạc Nhà nước tỉnh", r"kho bac nha nuoc\s+tinh"),
    ("Đài Phát thanh và Truyền hình tỉnh", r"dai phat thanh va truyen hinh\s+tinh"),
    ("Tỉnh đoàn", r"tinh doan\b"),
    ("Tỉnh ủy", r"tinh uy"),
    ("UBND tỉnh", rf"{_UBND}\s+tinh"),
    ("HĐND tỉnh", rf"{_HDND}\s+tinh"),
]


def _city_twins(bodies: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A city directly under the centre (Đà Nẵng, Hải Phòng, …) has the same bodies under
    "thành phố" and "Thành ủy": "Ban Thường vụ Thành ủy", "HĐND thành phố", "Thành đoàn"."""
    names = {name for name, _ in bodies}
    twins = []
    for name, pattern in bodies:
        twin = name.replace("Tỉnh ủy", "Thành ủy").replace("Tỉnh đoàn", "Thành đoàn")
        twin = twin.replace("tỉnh", "thành phố")
        if twin in names or twin == name:
            continue
        twin_pattern = pattern.replace("tinh uy", "thanh uy").replace("tinh doan", "thanh doan")
        twin_pattern = twin_pattern.replace(r"\s+tinh", r"\s+(?:thanh pho|tp\b\.?)")
        twins.append((twin, twin_pattern))
    return twins


NAMED_BODIES += _city_twins(NAMED_BODIES)

# Titles of people: a body named in a leader's title is named, but the leader's actions
# ("Bí thư Tỉnh ủy chủ trì phiên họp") give the body no task role.
_LEADER_TITLE = re.compile(
    r"(?:bi thu|chu tich|pho chu tich|uy vien|truong ban|pho truong ban|truong doan|thanh vien)"
    r"(?:\s+thuong truc)?\s*$"
)
_KIND_WORDS: list[tuple[str, str]] = [
    ("chuong trinh hanh dong", DocumentKind.PROGRAMME),
    ("chuong trinh", DocumentKind.PROGRAMME),
    ("ke hoach", DocumentKind.PLAN),
    ("nghi quyet", DocumentKind.RESOLUTION),
    ("ket luan", DocumentKind.CONCLUSION),
    ("chi thi", DocumentKind.DIRECTIVE),
    ("quyet dinh", DocumentKind.DECISION),
    ("bao cao", DocumentKind.REPORT),
    ("huong dan", DocumentKind.GUIDANCE),
    ("cong van", DocumentKind.OTHER),
]

# Section headings of a plan that are not tasks.
_SECTION_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "purpose",
        re.compile(r"^(?:muc dich(?:,| va)?\s*(?:yeu cau)?|yeu cau|quan diem(?:, muc dich)?)$"),
    ),
    (
        "goals",
        re.compile(
            r"^(?:(?:cac\s+)?(?:muc tieu|chi tieu)"
            r"(?:[ ,]+(?:va\s+)?(?:chi tieu|muc tieu|nhiem vu))?"
            r"(?:\s+(?:chu yeu|cu the|tong quat|phat trien))*(?:\s+den nam \d{4})?)$"
        ),
    ),
    (
        "tasks",
        re.compile(
            r"^(?:cac\s+|nhung\s+)?(?:nhom\s+)?(?:nhiem vu|giai phap|noi dung)"
            r"(?:[ ,]+(?:va\s+)?(?:nhiem vu|giai phap|noi dung))*"
            r"(?:\s+(?:chu yeu|trong tam|cu the|thuc hien|chu yeu can tap trung thuc hien))*$"
        ),
    ),
    (
        "organisation",
        re.compile(
            r"^(?:to chuc thuc hien|phan cong(?: nhiem vu)?(?: thuc hien)?|trach nhiem thuc hien)$"
        ),
    ),
    ("funding", re.compile(r"^kinh phi(?: thuc hien)?$")),
]

# Verbs that end an enumeration of coordinating bodies ("phối hợp với Sở Y, Sở Z tham mưu …").
_ACTION = (
    r"tham muu|co trach nhiem|chiu trach nhiem|to chuc|thuc hien|trien khai|xay dung|huong dan|"
    r"danh gia|ra soat|bao cao|trinh|theo doi|giai trinh|nghien cuu|de xuat|kiem tra|tong hop|"
    r"ban hanh|hoan thanh|cap nhat|chi dao|don doc|tuyen truyen|quan triet|bo tri|tham dinh|"
    r"lap|soan thao|cu the hoa|xu ly|giai quyet|day manh|tang cuong|nang cao|de |nham |theo "
)
