using Assistant.Index;
using Assistant.Index.Knowledge;

namespace Assistant.Index.Tests;

/// <summary>The real knowledge, loaded once for the tests that only read it.</summary>
public sealed class PlanFixture : IDisposable
{
    public PlanFixture()
    {
        KnowledgeDirectory = KnowledgeLoader.LocateDirectory();
        RepositoryRoot = Path.GetDirectoryName(KnowledgeDirectory)!;
        Runtime = PlanRuntime.Load(KnowledgeDirectory);
        SeedText = File.ReadAllText(Path.Combine(RepositoryRoot, Runtime.Knowledge.Plan.Source));
    }

    public string KnowledgeDirectory { get; }

    public string RepositoryRoot { get; }

    public PlanRuntime Runtime { get; }

    public KnowledgeBase Knowledge => Runtime.Knowledge;

    public string SeedText { get; }

    public void Dispose() => Runtime.Dispose();
}

[CollectionDefinition(Name)]
public sealed class PlanCollection : ICollectionFixture<PlanFixture>
{
    public const string Name = "plan";
}
