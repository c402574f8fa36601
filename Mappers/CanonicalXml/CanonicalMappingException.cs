namespace EfaGateway.Mappers.CanonicalXml;

/// <summary>Data that cannot be written as canonical XML. Messages name fields by id only, never their values.</summary>
internal sealed class CanonicalMappingException(string message) : Exception(message);
