using System.ComponentModel.DataAnnotations;

namespace Assistant.Bot.Ai;

/// <summary>
/// The "Assistant:Llm" section: an optional OpenAI-compatible chat endpoint. No endpoint → no model, and every answer
/// comes from the rules as before.
/// </summary>
public sealed class LanguageModelOptions : IValidatableObject
{
    public const string Section = "Assistant:Llm";

    /// <summary>Base URL of the OpenAI-compatible API, up to the version segment (http://127.0.0.1:11434/v1).</summary>
    public string? Endpoint { get; set; }

    /// <summary>The model (or Azure deployment) name.</summary>
    public string? Model { get; set; }

    /// <summary>Sent as a bearer token; local servers usually need none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one answer may take, tool calls included, before the rules' answer is sent instead.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 20;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult("Assistant:Llm:Endpoint must be an absolute http(s) URL.", [nameof(Endpoint)]);
        }

        if (string.IsNullOrWhiteSpace(Model))
        {
            yield return new ValidationResult("Assistant:Llm:Model is required when an endpoint is set.", [nameof(Model)]);
        }
    }
}
