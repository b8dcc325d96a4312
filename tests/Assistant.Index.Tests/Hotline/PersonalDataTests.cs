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
    public void Personal_data_is_masked(string text, string masked)
    {
        Assert.Equal(masked, PersonalData.Mask(text));
    }

    [Theory]
    // What is not personal stays: line numbers, dates, durations, counts.
    [InlineData("地铁6号线施工")]
    [InlineData("从2024年6月3号开始，已经持续3个月了")]
    [InlineData("晚上10点以后还有3辆渣土车")]
    public void Other_numbers_are_kept(string text)
    {
        Assert.Equal(text, PersonalData.Mask(text));
    }
}
