using Assistant.Index.Hotline;

namespace Assistant.Index.Tests.Hotline;

/// <summary>The triage over the real knowledge and knowledge/hotline.json, built once for the hotline tests.</summary>
public sealed class HotlineFixture : IDisposable
{
    private readonly PlanFixture _plan = new();

    public HotlineFixture()
    {
        Triage = _plan.Runtime.Triage;
    }

    public PlanFixture Plan => _plan;

    public ComplaintTriage Triage { get; }

    public void Dispose() => _plan.Dispose();
}

[CollectionDefinition(Name)]
public sealed class HotlineCollection : ICollectionFixture<HotlineFixture>
{
    public const string Name = "hotline";
}
