namespace EfaGateway.Mappers.Xdomea;

/// <summary>
/// An item cannot be exported as xdomea (no configuration for the tenant, no files, a file name xdomea cannot carry, a
/// missing or altered file, a message the official XSDs refuse). The message names the cause and never a value of the
/// application (file names are described by position and offending characters only), so it is fit for logs and answers.
/// </summary>
public sealed class XdomeaExportException(string message) : Exception(message);
