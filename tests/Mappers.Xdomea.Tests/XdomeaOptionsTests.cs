using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EfaGateway.Mappers.Xdomea.Tests;

public sealed class XdomeaOptionsTests
{
    [Fact]
    public void A_tenant_entry_needs_an_absender_and_an_empfaenger_institution_in_din_91379()
    {
        var options = new XdomeaOptions
        {
            Tenants =
            {
                ["a-town"] = new XdomeaTenantOptions { Absender = new XdomeaKontaktOptions { Institution = "Gemeinde A" } },
                ["b-town"] = new XdomeaTenantOptions
                {
                    Absender = new XdomeaKontaktOptions { Institution = " " },
                    Empfaenger = new XdomeaKontaktOptions { Institution = "Gemeinde B \u263A", Organisationseinheit = "Registratur" },
                },
            },
        };

        var result = new XdomeaOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
            [
                "Gateway:Xdomea:Tenants:a-town:Empfaenger is missing.",
                "Gateway:Xdomea:Tenants:b-town:Absender:Institution is missing or blank.",
                "Gateway:Xdomea:Tenants:b-town:Empfaenger:Institution has characters outside DIN 91379: \u263A.",
            ],
            result.Failures);
    }

    [Fact]
    public void AddXdomeaExport_binds_the_section_and_checks_it_when_the_options_are_first_used()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Xdomea:Tenants:a-town:Absender:Institution"] = "Gemeinde A",
        }).Build();
        using var provider = new ServiceCollection().AddXdomeaExport(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<XdomeaOptions>>().Value);

        Assert.Contains("Gateway:Xdomea:Tenants:a-town:Empfaenger is missing.", error.Failures);
        Assert.IsType<RandomXdomeaIdGenerator>(provider.GetRequiredService<IXdomeaIdGenerator>());
    }

    [Fact]
    public void The_schemas_the_build_ships_compile()
    {
        ExportScenario.SharedSchemas.Compile();

        Assert.True(File.Exists(Path.Combine(ExportScenario.SharedSchemas.SchemaDirectory, XdomeaSchemas.RootSchema)));
    }
}
