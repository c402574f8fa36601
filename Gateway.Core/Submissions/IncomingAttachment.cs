namespace EfaGateway.Core.Submissions;

/// <summary>An uploaded file as received, before it is stored.</summary>
public sealed record IncomingAttachment(string FieldId, string FileName, string MediaType, ReadOnlyMemory<byte> Content);
