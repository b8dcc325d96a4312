using System.Text.RegularExpressions;

namespace Assistant.Index.Understanding;

/// <summary>
/// What a question asks for that no action plan answers, decided by the question itself, not by a failed search:
/// forecasts and today's conditions, money or legal claims for a person, phone numbers and contacts, the permit or
/// licence of a named business, other districts and years, small talk, another language. The reason names the
/// category; <see cref="Refusals"/> words it.
/// </summary>
public static partial class AskedScope
{
    public const string Forecast = "forecast";
    public const string Claim = "legal";
    public const string Contact = "contact";
    public const string Permit = "permit";
    public const string Place = "place";
    public const string Year = "year";
    public const string Chat = "chat";
    public const string Language = "language";

    /// <summary>The category a question is out of scope by, or null. <paramref name="text"/> is normalised (Latin upper-cased).</summary>
    public static string? Of(string text)
    {
        if (OtherLanguage(text))
        {
            return Language;
        }

        if (Conditions().IsMatch(text) || HealthAdvice().IsMatch(text) || MedicalAdvice().IsMatch(text))
        {
            return Forecast;
        }

        if (PersonalClaim().IsMatch(text))
        {
            return Claim;
        }

        if (ContactAsked().IsMatch(text))
        {
            return Contact;
        }

        // 我想开个烧烤店需要啥手续: how a person gets a licence is no part of the plan either.
        if (NamedBusinessPermit().IsMatch(text) || OpeningProcedure().IsMatch(text) || PermitProcedure().IsMatch(text) || PermitSteps().IsMatch(text))
        {
            return Permit;
        }

        // "跟天津河北一起应对重污染": working with the neighbours is the plan's own (京津冀), not another place's plan.
        if (OtherDistrict().IsMatch(text) && !(Neighbours().IsMatch(text) && Together().IsMatch(text)))
        {
            return Place;
        }

        // "2025年的方案啥时候出": another year's plan is no part of this one (a measure's own "到2025年" is).
        if (OtherYearsPlan().Match(text) is { Success: true } other && other.Groups["y"].Value != "2024")
        {
            return Year;
        }

        return SmallTalk().IsMatch(text) ? Chat : null;
    }

    [GeneratedRegex(@"(?<y>(?:19|20)\d\d)年?(?:度)?的?(?:行动)?(?:方案|计划|文件)(?!里|中|上|说|提)")]
    private static partial Regex OtherYearsPlan();

    /// <summary>No Chinese to speak of, but words of another language (English, Japanese kana, Korean).</summary>
    private static bool OtherLanguage(string text)
    {
        var cjk = text.Count(Search.ChineseText.IsCjk);
        if (text.Any(c => c is >= '\u3040' and <= '\u30FF' or >= '\uAC00' and <= '\uD7AF'))
        {
            return true;
        }

        // PM2.5, VOCS, NOX, CO2 are the plan's own; an English sentence (normalised text has no spaces) has many letters.
        return cjk <= 1 && LatinWords().Matches(text).Where(m => !PlanLatin.Contains(m.Value)).Sum(m => m.Length) >= 8;
    }

    private static readonly HashSet<string> PlanLatin = new(StringComparer.Ordinal) { "PM", "VOCS", "NOX", "CO", "AQI", "GDP", "LNG", "Q", "DEADLINE" };

    [GeneratedRegex(@"[A-Z]{2,}")]
    private static partial Regex LatinWords();

    // Today's or tomorrow's air, weather, traffic restrictions: what monitoring and forecasts say, not a plan.
    [GeneratedRegex(@"(?:明天|明儿|后天|今天|今儿|今日|现在|此刻|这会儿|眼下|当前|实时|这两天|这几天|周末|昨天|昨儿|下礼拜|下个?星期|下周|这礼拜|这个?星期|本周|这周)(?:个)?.{0,8}(?:空气|天气|PM2\.5|PM25|AQI|雾霾|霾|重污染|污染指数|好天|晴天|阴天|蓝天|下雨|下大雨|下暴雨|下雪|大雨|暴雨|刮风|气温|限号|限行|尾号|能见度|咋样|怎么样|多少)|天气预报|空气质量预报|实时(?:监测|数据|浓度)|(?:实测|测得|测出来?的|监测到的)[^，。？]{0,6}(?:浓度|均值|数值|数据|值|多少)|限号限几|尾号限行|今天限|监测站点?.{0,4}坏")]
    private static partial Regex Conditions();

    // Money or a legal remedy for a person: compensation, refunds, fines paid, lawsuits.
    [GeneratedRegex(@"赔偿|索赔|赔钱|赔点|赔我|给我赔|谁赔|赔不赔|(?:能|给|要)?赔多少|能不能赔|能赔吗|该不该赔|补偿(?:标准|款|金|多少)|给(?:我|我们)补偿|能(?:不能)?补偿|退钱|退一部分|能不能退|能退吗|罚款.{0,6}(?:退|减免|撤销|不服)|被罚.{0,12}(?:退|不服|复议|申诉)|行政复议|起诉|打官司|律师|诉讼|法院|仲裁|判刑|坐牢|犯法|违法吗|合法吗|举报奖励")]
    private static partial Regex PersonalClaim();

    // Phone numbers, addresses, people to contact.
    // "打电话问…" is how someone asked, not a number asked for.
    [GeneratedRegex(@"(?<!打|来|通|过|了|次|回|遍)电话(?!问|说|来|反映|投诉|咨询|了|也|都|没)|手机号|号码|联系方式|怎么联系|联系人|邮箱|微信号|公众号|官网|网址|办公地址|在哪办公|地址在哪|局长是谁|主任是谁|队长是谁|附近哪有|离我最近的|最近的[^，。？]{0,8}在哪")]
    private static partial Regex ContactAsked();

    // The permit or licence of one named business: "“老王卤煮”有没有营业执照", "这家店有排污许可证吗", "装修队没资质".
    [GeneratedRegex(@"(?:“[^”]{1,20}”|这家|那家|某家|\p{IsCJKUnifiedIdeographs}{0,8}?(?:公司|饭店|餐馆|餐厅|饭馆|酒店|宾馆|超市|商店|小店|门店|装修队|施工队|装修公司|烤串店|烧烤店|串店|饭庄|工厂|厂子|作坊))(?=.{0,16}(?:营业执照|执照|许可证|排污许可|资质|排污证|证照|手续|环评|(?<![保验明])证(?=[吗啊呀么没儿]|$|[？?])))(?=.{0,16}(?:有没有|有吗|没有|没|办了|办没办|拿到|取得|过期|真假|是不是真|合不合法))")]
    private static partial Regex NamedBusinessPermit();

    // 雾霾天能不能出门跑步, 重污染天孩子要不要上学: what to do on a bad day is advice for the day, not the plan.
    [GeneratedRegex(@"(?:雾霾|重污染|污染天|空气不好|空气差|霾天|明天|明儿|后天|今天|今儿|这周末|周末)[^，。？?]{0,10}(?:能不能|可不可以|可以|适合|要不要|该不该|用不用|能)[^，。？?]{0,6}(?:出门|出去|跑步|锻炼|晨练|遛弯|开窗|戴口罩|上学|户外)")]
    private static partial Regex HealthAdvice();

    // 咳嗽是不是空气闹的、要不要去医院: a person's health is a doctor's question.
    [GeneratedRegex(@"(?:要不要|该不该|用不用|得不得|需不需要|用得着)(?:去|上)?(?:医院|看病|看医生|挂号|吃药)|挂(?:什么|啥|哪个)科|吃(?:什么|啥)药")]
    private static partial Regex MedicalAdvice();

    // 排污许可证怎么申请, 环评咋办: how a business gets its papers is no part of the plan.
    [GeneratedRegex(@"(?:怎么|如何|咋|去哪儿?|在哪儿?|到哪儿?|上哪儿?|哪里)(?:申请|办理|办)[^，。？?]{0,6}(?:许可证|环评|手续|执照|排污证)|(?:许可证|环评|排污证|执照|手续)[^，。？?]{0,4}(?:怎么|如何|咋|去哪儿?|在哪儿?|到哪儿?|上哪儿?|哪里)(?:申请|办理|办)")]
    private static partial Regex PermitProcedure();

    // 环评审批流程是咋走的: how a permit goes through is no part of the plan (the plan's own 夜间施工证明 is).
    [GeneratedRegex(@"^(?!.*夜间施工)(?=.*(?:环评|许可证?|执照|审批|资质))(?=.*(?:流程|步骤|程序|要多久|多长时间能办))")]
    private static partial Regex PermitSteps();

    [GeneratedRegex(@"(?:开|办|新开|想开)(?:个|一家|一个)?[^，。？]{0,6}(?:店|馆|厂|公司|作坊|摊)[^。？]{0,10}(?:手续|执照|许可|证照|(?:办|要|需要)(?:什么|啥|哪些|几个)证)")]
    private static partial Regex OpeningProcedure();

    // Another of Beijing's districts, another city or province.
    [GeneratedRegex(@"东城|朝阳|海淀|丰台|石景山|门头沟|房山|通州|顺义|昌平|大兴|怀柔|平谷|密云|延庆|亦庄|经开区|上海|天津|重庆|广州|深圳|河北|雄安|外地|外省|老家|山东|山西|河南|湖北|湖南|江苏|浙江|安徽|江西|福建|广东|广西|四川|贵州|云南|陕西|甘肃|辽宁|吉林|黑龙江|内蒙古?|新疆|杭州|南京|武汉|成都|西安|沈阳|哈尔滨|香港|台湾|生态环境部(?!门)|国务院|(?:大气|水|土)十条|全国(?![^，。？]{1,5}[日周])(?:的|范围内?|层面)?.{0,6}(?:目标|指标|多少|排名|平均|谁|哪个部门)|国家层面" +
        @"|(?<!西城.*)(?!.*西城)(?:北京市|全市|全北京|北京)(?:的|范围内?|层面)?[^，。？]{0,6}(?:目标|指标|平均)(?:是|定的|定了)?(?:多少|几)|全市(?:排|排名)?第几|在全市排|全市排名" +
        @"|(?<!西城.*)(?!.*西城)(?:全北京|全市)[^，。？]{0,12}(?:降到|控制在|达到|要到)(?:多少|几)" +
        // 那北京全市的呢: a follow-up that moves the question to the whole city.
        @"|^(?:那|那么)?(?:北京)?(?:全市|全北京|北京市|全国)(?:的|范围)?(?:呢|咋样|怎么样|是多少|多少)")]
    private static partial Regex OtherDistrict();

    [GeneratedRegex(@"天津|河北|京津冀|周边")]
    private static partial Regex Neighbours();

    [GeneratedRegex(@"跟|和|与|同|联合|协同|一起|一块|合作|联防|联控|联动|区域")]
    private static partial Regex Together();

    // Greetings, thanks, questions about the assistant itself, requests that are not about the plan.
    [GeneratedRegex(@"^(?:你好|您好|嗨|哈喽|HELLO|HI|在吗|在不在|谢谢|多谢|再见|拜拜|早上好|晚上好|早安|晚安)[呀啊哈吗！!。，,？?]*$|你是谁|你叫什么|你是机器人|你是人|机器人准不准|这个机器人|讲个笑话|说个笑话|讲笑话|帮我写|写个|写一篇|哪个牌子|什么牌子|啥牌子|哪家[^，。？]{0,4}(?:最好|好些|靠谱|好用|质量好)|买哪(?:个|款|种|家)|(?:哪儿|哪里|哪)(?:能|可以)?买(?:到|得到)?|(?:在|去|上|到)哪儿?(?:能)?买|哪儿有卖|哪里有卖|哪有卖|哪(?:款|个型号)[^，。？]{0,6}(?:好|长|省|耐用|划算)|推荐(?:一下|一款|几款|个)(?![^，。？]{0,6}(?:单位|部门))|哪个[^，。？]{0,8}(?:最适合|最好玩|好玩|值得去)|推荐.{0,4}(?:牌子|品牌|产品|哪家)|陪我聊|聊聊天|你几岁|你多大")]
    private static partial Regex SmallTalk();
}
