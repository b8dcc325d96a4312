using Assistant.Index.Hotline;

namespace Assistant.Index.Tests.Hotline;

public sealed class PersonalDataTests
{
    [Theory]
    [InlineData("我电话13812345678", "我电话[电话]")]
    [InlineData("联系138-1234-5678或+86 139 1234 5678", "联系[电话]或[电话]")]
    [InlineData("座机010-66112233", "座机[电话]")]
    [InlineData("身份证号11010219800101123X", "身份证号[身份证号]")]
    [InlineData("住3号楼2单元501室", "住[门牌号]")]
    [InlineData("住5门302", "住[门牌号]")]
    [InlineData("住3-2-501", "住[门牌号]")]
    [InlineData("南横西街15号院的饭馆", "南横西街[门牌号]的饭馆")]
    [InlineData("我电话１３８１２３４５６７８", "我电话[电话]")]
    [InlineData("座机０１０－６６１１２２３３", "座机[电话]")]
    [InlineData("手机幺三八一二三四五六七八", "手机[电话]")]
    [InlineData("手机一三八 一二三四 五六七八，谢谢", "手机[电话]，谢谢")]
    [InlineData("实名：王某某，楼下吵", "实名：[姓名]，楼下吵")]
    [InlineData("姓名张三，电话13812345678", "姓名[姓名]，电话[电话]")]
    [InlineData("我姓张，住附近", "我姓[姓名]，住附近")]
    [InlineData("喂您好，我叫李娜，我想问问", "喂您好，我叫[姓名]，我想问问")]
    [InlineData("我是李先生，楼下吵", "我是[姓名]先生，楼下吵")]
    [InlineData("邮箱wang.li@example.com", "邮箱[邮箱]")]
    [InlineData("车牌京A·12345的车天天停这", "车牌[车牌号]的车天天停这")]
    [InlineData("京AD12345和京N 8K9F2两辆车", "[车牌号]和[车牌号]两辆车")]
    public void Personal_data_is_masked(string text, string masked)
    {
        Assert.Equal(masked, PersonalData.Mask(text));
    }

    [Theory]
    // What is not personal stays: line numbers, dates, durations, counts.
    [InlineData("地铁6号线施工")]
    [InlineData("从2024年6月3号开始，已经持续3个月了")]
    [InlineData("晚上10点以后还有3辆渣土车")]
    [InlineData("三四个人一起跳广场舞，老先生们和这位女士都说吵")]
    [InlineData("老百姓反映了好几次，一二十个人在唱歌")]
    public void Other_numbers_are_kept(string text)
    {
        Assert.Equal(text, PersonalData.Mask(text));
    }
}
