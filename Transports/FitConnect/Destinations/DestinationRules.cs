using EfaGateway.Transports.FitConnect.Api;
using EfaGateway.Transports.FitConnect.Metadata;

namespace EfaGateway.Transports.FitConnect.Destinations;

/// <summary>What a destination must offer before anything is sent to it.</summary>
public static class DestinationRules
{
    /// <summary>The metadata version to write, or the problem (transient when the destination may become active again).</summary>
    public static (string? MetadataVersion, string? Problem, bool IsTransient) Check(Destination destination, string serviceId, string schemaUri,
        string schemaMimeType)
    {
        switch (destination.Status)
        {
            case "active":
                break;
            case "created" or "inactive":
                return (null, $"Destination {destination.DestinationId} is {destination.Status}, not active; trying again later.", true);
            default:
                return (null, $"Destination {destination.DestinationId} is {destination.Status ?? "without status"}; only an active destination receives submissions.", false);
        }

        var service = destination.Services?.FirstOrDefault(s => s.Identifier == serviceId);
        if (service is null)
        {
            return (null, $"Destination {destination.DestinationId} does not offer the service {serviceId}.", false);
        }

        if (service.SubmissionSchemas?.Any(s => s.SchemaUri == schemaUri && s.MimeType == schemaMimeType) != true)
        {
            return (null, $"Destination {destination.DestinationId} does not accept the schema {schemaUri} ({schemaMimeType}) for {serviceId}.", false);
        }

        var version = MetadataSchemas.Choose(destination.MetadataVersions);
        return version is null
            ? (null, $"Destination {destination.DestinationId} accepts metadata versions {string.Join(", ", destination.MetadataVersions ?? [])}; this gateway writes {string.Join(", ", MetadataSchemas.SupportedVersions)}.", false)
            : (version, null, false);
    }
}
