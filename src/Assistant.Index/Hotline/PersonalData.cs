using System.Text.RegularExpressions;

namespace Assistant.Index.Hotline;

/// <summary>
/// Masks what identifies a caller — phone numbers, ID numbers, exact door numbers — before a complaint reaches a log
/// or is restated in a reply. Errs on the side of masking: an 8-digit number that is not a phone is masked too.
/// </summary>
public static partial class PersonalData
{
    public const string PhoneMask = "[电话]";
    public const string IdMask = "[身份证号]";
    public const string DoorMask = "[门牌号]";

    public static string Mask(string text)
    {
        // ID numbers first: their digits would otherwise be read as phone numbers.
        var masked = IdNumber().Replace(text, IdMask);
        masked = MobileNumber().Replace(masked, PhoneMask);
        masked = LandlineNumber().Replace(masked, PhoneMask);
        masked = BuildingUnitRoom().Replace(masked, DoorMask);
        masked = DashedDoorNumber().Replace(masked, DoorMask);
        masked = HouseNumber().Replace(masked, DoorMask);
        return masked;
    }

    // 18 digits (last may be X), or the old 15-digit form.
    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")]
    private static partial Regex IdNumber();

    // 13812345678, 138-1234-5678, 138 1234 5678, +86 13812345678.
    [GeneratedRegex(@"(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?!\d)")]
    private static partial Regex MobileNumber();

    // 010-66112233, 01066112233, 66112233 (Beijing numbers are 8 digits).
    [GeneratedRegex(@"(?<!\d)(?:0\d{2,3}[-\s]?)?\d{7,8}(?!\d)")]
    private static partial Regex LandlineNumber();

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
