using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace EfaGateway.Transports.Xta.Mailbox;

/// <summary>A request parameter the mailbox cannot read; answered with ParameterIsNotValidException, never a server error.</summary>
internal sealed class MailboxParameterException(string parameter) : Exception($"The parameter {parameter} is not valid.")
{
    public string Parameter { get; } = parameter;
}

/// <summary>Reads the typed parameters of mailbox requests (counts, times) and refuses what they cannot be.</summary>
internal static class MailboxParameters
{
    /// <summary>A non-negative count such as <c>maxListItems</c>, or null when absent.</summary>
    public static int? Count(XAttribute? attribute) =>
        attribute is null ? null
        : int.TryParse(attribute.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count
        : throw new MailboxParameterException(attribute.Name.LocalName);

    /// <summary>An xs:dateTime such as <c>MsgBoxEntryTimeFrom</c>, or null when absent.</summary>
    public static DateTimeOffset? Time(XElement? element)
    {
        if (element is null)
        {
            return null;
        }

        try
        {
            return XmlConvert.ToDateTimeOffset(element.Value.Trim());
        }
        catch (FormatException)
        {
            throw new MailboxParameterException(element.Name.LocalName);
        }
    }
}
