using EfaGateway.Host.Staff;

namespace EfaGateway.Host.Tests.Postkorb;

/// <summary>ZIP entry names: safe for every unpacking program and unique, whatever the applicant called the uploads.</summary>
public sealed class PostkorbZipTests
{
    [Theory]
    [InlineData("antrag.pdf", "antrag.pdf")]
    [InlineData("../../etc/passwd", ".._.._etc_passwd")]
    [InlineData("C:\\Users\\scan.pdf", "C__Users_scan.pdf")]
    [InlineData("a<b>c:d\"e|f?g*h.pdf", "a_b_c_d_e_f_g_h.pdf")]
    [InlineData("zeile\nneu.pdf", "zeile_neu.pdf")]
    [InlineData("  punkt. ", "punkt")]
    [InlineData("..", "datei")]
    [InlineData("", "datei")]
    [InlineData("CON", "_CON")]
    [InlineData("nul.pdf", "_nul.pdf")]
    [InlineData("Lpt1.tar.gz", "_Lpt1.tar.gz")]
    [InlineData("com9 .pdf", "_com9 .pdf")]
    [InlineData("COM¹.pdf", "_COM¹.pdf")]
    [InlineData("console.pdf", "console.pdf")]
    [InlineData("com10.pdf", "com10.pdf")]
    public void A_name_loses_folders_and_characters_and_device_names_unpacking_programs_refuse(string name, string expected) =>
        Assert.Equal(expected, PostkorbZip.Sanitize(name));

    [Fact]
    public void A_long_name_is_shortened_and_keeps_its_extension()
    {
        var name = PostkorbZip.Sanitize(new string('x', 300) + ".pdf");

        Assert.Equal(150, name.Length);
        Assert.EndsWith("x.pdf", name, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_names_get_a_number_before_the_extension_regardless_of_case()
    {
        var names = PostkorbZip.EntryNames(["scan.pdf", "Scan.pdf", "scan.pdf", "scan (2).pdf", "a/b", "a_b", "liesmich"]);

        Assert.Equal(["scan.pdf", "Scan (2).pdf", "scan (3).pdf", "scan (2) (2).pdf", "a_b", "a_b (2)", "liesmich"], names);
    }
}
