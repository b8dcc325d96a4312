namespace Assistant.Index.Understanding;

/// <summary>
/// Matters of daily life a pollution-prevention plan never names: pets, car-plate lotteries, school places, household
/// registration, pensions, rents and fees, licences for people. A question about one of them is declined rather than
/// answered with a measure whose words only sit near it (新能源车 for a car-plate lottery). A test proves no word here
/// occurs anywhere in the plan; a question that also speaks of pollution (狗叫扰民, 物业不管油烟) is left to the search.
/// </summary>
public static class OutsideThePlan
{
    public const string Category = "outside";

    public static readonly IReadOnlyList<string> Words =
    [
        "养狗", "遛狗", "狗", "犬", "宠物", "猫", "摇号", "车牌", "号牌", "学区", "上学", "户口", "落户", "社保", "医保", "养老金",
        "退休金", "公积金", "物业费", "暖气不热", "暖气不够热", "暖气温度不够", "室温不达标", "交房租", "付房租", "房租涨", "房租太", "房租多少", "租房", "房价", "买房", "工资", "欠薪", "签证", "护照", "驾照", "违章", "罚单",
        "停车费", "彩票", "低保", "结婚", "离婚", "疫苗", "挂号", "看病", "电梯", "供暖费", "暖气费", "燃气费", "电费", "水费",
        "拆迁", "共享单车", "上牌", "牌照", "服务员", "服务态度", "态度差", "缺斤短两", "退货", "快递丢",
        "鸽子", "匿名", "哮喘", "口罩", "车位不够", "停车难", "修水管", "烧树叶", "烧落叶", "烧叶子", "烧枯草", "烧秸秆", "居住证", "暂住证", "马蜂", "蜂窝", "幼儿园", "甲醛", "辐射", "基站", "中毒", "自来水发黄", "水发黄", "报警",
        "起火", "着火了", "失火", "火灾", "空气净化器", "滤芯", "招聘", "公务员", "排队", "过期食品", "食品安全", "直接喝", "烧开了喝", "能喝吗", "能不能喝",
        "小客车指标", "购车指标", "安装费", "收费标准",
    ];

    private static readonly string[] PollutionWords =
        ["噪", "吵", "声音", "油烟", "烟", "尘", "灰", "臭", "味", "污", "脏", "渣土", "排放", "垃圾", "废", "水质", "绿化", "节能", "碳", "充电", "土壤", "测土", "查土"];

    /// <summary>Matters outside the plan whatever else the question says: a stolen bin is theft, not waste.</summary>
    public static readonly IReadOnlyList<string> StrongWords = ["被偷", "被人偷", "偷走了", "怎么预约", "如何预约", "在哪预约", "去哪预约"];

    /// <summary>The outside matter the question is about, or null (none named, or it speaks of pollution too).</summary>
    public static string? Find(string normalized) =>
        StrongWords.FirstOrDefault(w => normalized.Contains(w, StringComparison.Ordinal))
        ?? (PollutionWords.Any(w => normalized.Contains(w, StringComparison.Ordinal))
            ? null
            : Words.FirstOrDefault(w => normalized.Contains(w, StringComparison.Ordinal)));
}
