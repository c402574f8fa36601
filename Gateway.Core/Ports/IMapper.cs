using EfaGateway.Core.Processes;
using EfaGateway.Core.Submissions;

namespace EfaGateway.Core.Ports;

/// <summary>Turns a submission into one output document (XML, JSON, PDF). Registered as a keyed service by <see cref="Id"/>.</summary>
public interface IMapper
{
    string Id { get; }

    string MediaType { get; }

    string FileExtension { get; }

    Task<MappingResult> MapAsync(MappingInput input, CancellationToken cancellationToken);
}

/// <summary>What a mapper works from: the tenant's process, the submission and its attachments' metadata.</summary>
public sealed record MappingInput(TenantProcess TenantProcess, Submission Submission);

/// <summary>A mapped document, or why mapping failed (a permanent delivery failure: retrying will not change it).</summary>
public sealed record MappingResult(byte[]? Content, string? Error)
{
    public static MappingResult Success(byte[] content) => new(content, null);

    public static MappingResult Failure(string error) => new(null, error);

    public bool Succeeded => Content is not null;
}
