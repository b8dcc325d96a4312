using System.Text;
using System.Text.RegularExpressions;

namespace Assistant.Index.Hotline;

/// <summary>
/// Masks what identifies a caller — phone numbers (Arabic, full-width or Chinese numerals), ID numbers, exact door
/// numbers, names given for the record (实名：王某某, 姓名, 我姓张, 张先生), e-mail addresses and licence plates —
/// before a complaint reaches a log, a draft or a dispatch note. Errs on the side of masking: an 8-digit number that
/// is not a phone is masked too.
/// </summary>
public static partial class PersonalData
{
    public const string PhoneMask = "[电话]";
    public const string IdMask = "[身份证号]";
    public const string DoorMask = "[门牌号]";
    public const string NameMask = "[姓名]";
    public const string EmailMask = "[邮箱]";
    public const string PlateMask = "[车牌号]";

    public static readonly IReadOnlyList<string> Masks = [PhoneMask, IdMask, DoorMask, NameMask, EmailMask, PlateMask];

    public static string Mask(string text)
    {
        // Full-width digits and letters (１３８…, ＡＢＣ＠…) are read as their ASCII forms, so no pattern misses them.
        var masked = HalfWidth(text);
        masked = Email().Replace(masked, EmailMask);
        masked = LicencePlate().Replace(masked, PlateMask);
        // ID numbers before phones: their digits would otherwise be read as phone numbers.
        masked = IdNumber().Replace(masked, IdMask);
        masked = MobileNumber().Replace(masked, PhoneMask);
        masked = LandlineNumber().Replace(masked, PhoneMask);
        masked = ChineseNumeralPhone().Replace(masked, PhoneMask);
        masked = NameForTheRecord().Replace(masked, m => m.Groups["lead"].Value + NameMask);
        masked = NameWithTitle().Replace(masked, m => NameMask + m.Groups["title"].Value);
        masked = BuildingUnitRoom().Replace(masked, DoorMask);
        masked = DashedDoorNumber().Replace(masked, DoorMask);
        masked = HouseNumber().Replace(masked, DoorMask);
        return masked;
    }

    /// <summary>Full-width ASCII (U+FF01–FF5E) to half-width; Chinese punctuation that has no ASCII twin stays.</summary>
    private static string HalfWidth(string text)
    {
        if (!text.Any(c => c is >= '\uFF01' and <= '\uFF5E'))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c is >= '\uFF10' and <= '\uFF19' or >= '\uFF21' and <= '\uFF3A' or >= '\uFF41' and <= '\uFF5A' or '\uFF20' or '\uFF0D' or '\uFF0E' or '\uFF3F' or '\uFF0B'
                ? (char)(c - 0xFEE0)
                : c);
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    // 京A·12345, 京A12345, 京AD12345 (new-energy), 京A 1234学.
    [GeneratedRegex(@"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Za-hj-np-z][·•.\-\s]?[A-Za-z0-9]{4,6}[学警挂]?(?![A-Za-z0-9])")]
    private static partial Regex LicencePlate();

    // 18 digits (last may be X), or the old 15-digit form.
    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")]
    private static partial Regex IdNumber();

    // 13812345678, 138-1234-5678, 138 1234 5678, +86 13812345678.
    [GeneratedRegex(@"(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?!\d)")]
    private static partial Regex MobileNumber();

    // 010-66112233, 01066112233, 66112233 (Beijing numbers are 8 digits).
    [GeneratedRegex(@"(?<!\d)(?:0\d{2,3}[-\s]?)?\d{7,8}(?!\d)")]
    private static partial Regex LandlineNumber();

    // 幺三八一二三四五六七八, 一三八 一二三四 五六七八: seven or more digits said as numerals (no 十, so no count or date).
    [GeneratedRegex(@"(?<![零〇一二三四五六七八九幺两])[零〇一二三四五六七八九幺两](?:[\s-]?[零〇一二三四五六七八九幺两]){6,}(?![零〇一二三四五六七八九幺两])")]
    private static partial Regex ChineseNumeralPhone();

    // 实名：王某某, 姓名张三, 联系人李四, 我叫李娜, 我姓张, 免贵姓王: the name that follows, up to three characters.
    [GeneratedRegex(@"(?<lead>(?:实名|姓名|联系人|署名|我叫|本人叫|我的名字叫|我名叫)(?:为|是)?[：:\s]*)[\p{IsCJKUnifiedIdeographs}](?:某某|某|[\p{IsCJKUnifiedIdeographs}-[电手住家反投说称在的是要联系号码和与及也就都还我您他她]]{0,2})|(?<lead>(?:我|本人|免贵)姓)[\p{IsCJKUnifiedIdeographs}](?:某某|某)?")]
    private static partial Regex NameForTheRecord();

    // 张先生, 王女士, 李阿姨, 王某某: a surname with a form of address or 某某 (not 这位先生, 老先生, 各位女士).
    [GeneratedRegex(@"(?<![\p{IsCJKUnifiedIdeographs}-[是找叫跟和与给我姓的有位]])[\p{IsCJKUnifiedIdeographs}-[这那该此老小某各位有的个一两是和与找叫跟给]](?:某某|某)?(?<title>先生|女士|小姐|阿姨|大爷|大妈|师傅)|(?<![\p{IsCJKUnifiedIdeographs}-[是找叫跟和与给我的]])[\p{IsCJKUnifiedIdeographs}-[这那该此老小某各位有的个一两]]某某(?<title>)")]
    private static partial Regex NameWithTitle();

    // 3号楼2单元501室, 5门302, 12号院, 501室, 2栋1101, 三号楼二单元.
    [GeneratedRegex(@"(?:[0-9一二三四五六七八九十两]+(?:号楼|号院|栋|幢|单元|门|层|楼)[-—]?)+(?:[0-9]+(?:室|号|户)?)?|[0-9]{3,4}(?:室|房间|号房|户)")]
    private static partial Regex BuildingUnitRoom();

    // 3-2-501
    [GeneratedRegex(@"(?<![\d-])\d{1,3}-\d{1,2}-\d{2,4}(?![\d-])")]
    private static partial Regex DashedDoorNumber();

    // 南横西街15号, 前门大街甲3号: a number right after a street or lane name.
    [GeneratedRegex(@"(?<=[街路巷里同条道院区])[甲乙丙]?\d{1,4}号(?![线楼院])")]
    private static partial Regex HouseNumber();
}
