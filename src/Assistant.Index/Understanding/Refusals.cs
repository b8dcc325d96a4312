namespace Assistant.Index.Understanding;

/// <summary>What the assistant says when the plan is no basis: why, briefly, and what it can do instead.</summary>
public static class Refusals
{
    public const string PlanTitle = "《推进美丽西城建设 持续深入打好污染防治攻坚战2024年行动计划》";

    public const string WhatICanDo = "我可以回答：某项工作由哪个部门牵头、哪些单位协办、什么时候完成，某个部门负责哪些工作，各街道和全区的空气质量等指标。"
        + "例如：“餐饮油烟归哪个部门管？”“园林局负责哪些工作？”“德胜街道PM2.5目标是多少？”";

    /// <param name="matter">The matter of daily life the question names (<see cref="OutsideThePlan"/>), said back to the asker.</param>
    public static string Reason(string? category, string? matter = null) => category switch
    {
        OutsideThePlan.Category when matter is not null =>
            $"这份计划是污染防治的行动计划，不涉及“{matter}”这类事项；这类问题请咨询主管部门或拨打12345市民服务热线。",
        "year" => "这份计划只安排2024年的工作，其他年份的安排请以相应年度的文件为准。",
        "place" => "这份计划只涉及西城区，其他地区的安排请咨询当地政府。",
        "legal" => "本助手不提供赔偿、罚款或其他法律问题的意见，具体问题请咨询专业律师或拨打12345市民服务热线。",
        "chat" => $"您好！我是西城政策助手，只解答{PlanTitle}的相关问题。",
        "metric" => "这份计划没有为这项指标定目标；计划中的空气质量目标是PM2.5浓度、优良天数比率和重污染天数（附件1、附件6）。",
        OutsideThePlan.Category => "这份计划是污染防治的行动计划，不涉及宠物、车牌摇号、入学户籍、社保、房屋租售和各类费用等事项；这类问题请咨询主管部门或拨打12345市民服务热线。",
        "money" => "这份计划没有写补贴、奖励、罚款或资金的具体金额，相关政策请咨询主管部门或拨打12345市民服务热线。",
        AskedScope.Forecast => "这份计划定的是全年的工作和目标，不提供天气、空气质量的预报或实时数据；实时空气质量请查看北京市生态环境监测部门发布的信息。",
        AskedScope.Contact => "这份计划没有各单位的电话、地址或联系人；需要联系有关部门请拨打12345市民服务热线。",
        AskedScope.Permit => "这份计划不涉及某一家企业或商户的证照、许可情况；这类查询请向市场监管等主管部门或12345市民服务热线咨询。",
        AskedScope.Language => $"本助手用中文解答{PlanTitle}的问题，请用中文提问。\n"
            + "This assistant answers questions about the Xicheng District 2024 pollution-prevention action plan, in Chinese; please ask in Chinese.",
        _ => $"在{PlanTitle}（西政办发〔2024〕2号）中没有找到这个问题的依据。",
    };

    public static string Text(string? category, string? matter = null) => Reason(category, matter) + "\n" + WhatICanDo;
}
