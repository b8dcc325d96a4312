using Assistant.Bot.Cli;

namespace Assistant.Bot.Tests.FirstRun;

/// <summary>The command line's Chinese output stays Chinese: unit kinds by their Chinese names, unit lists as the plan writes them.</summary>
public sealed class CliOutputTests
{
    [Theory]
    [InlineData("德胜街道", "街道")]
    [InlineData("园林局", "区级部门")]
    [InlineData("西城公安分局", "市属驻区单位")]
    public void Knowledge_unit_names_the_kind_in_chinese(string unit, string kind)
    {
        var output = Run("knowledge", "unit", unit);

        var heading = output.Split('\n')[0];
        Assert.Contains($"（{kind}）", heading, StringComparison.Ordinal);
        Assert.DoesNotMatch("[A-Za-z]", heading);
    }

    [Fact]
    public void Knowledge_show_lists_units_without_a_stray_separator()
    {
        var output = Run("knowledge", "show", "附件1-1");

        Assert.Contains("等其他区委生态文明委环境污染防治工作小组成员单位", output, StringComparison.Ordinal);
        Assert.DoesNotContain("、等", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Knowledge_validate_of_a_folder_without_its_seed_says_so_instead_of_crashing()
    {
        // A copy of the knowledge folder alone: the seed it is checked against lives in ../seeds.
        var root = Directory.CreateTempSubdirectory("knowledge-copy-");
        try
        {
            var source = Assistant.Index.Knowledge.KnowledgeLoader.LocateDirectory(null);
            var copy = Path.Combine(root.FullName, "knowledge");
            foreach (var file in Directory.EnumerateFiles(source, "*.json", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            using var output = new StringWriter();
            Assert.Equal(2, AssistantCli.Run(["knowledge", "validate", "--knowledge", copy], output));
            Assert.Contains("No seed to check against", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static string Run(params string[] args)
    {
        using var output = new StringWriter();
        Assert.Equal(0, AssistantCli.Run(args, output));
        return output.ToString();
    }
}
