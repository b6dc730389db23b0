using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Relationships;
using PartnerPortal.Web.Localization;
using PartnerPortal.Web.Seeding;
using PartnerPortal.Web.Tests.Infrastructure;

namespace PartnerPortal.Web.Tests.Integration;

public partial class LocalizationTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private static readonly string Root = FindRoot();
    private static readonly string Resources = Path.Combine(Root, "src/PartnerPortal.Web/Resources");

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Resources, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? string.Empty);

    [Fact]
    public void Every_resource_key_exists_in_English_Russian_and_Chinese()
    {
        var en = Read("SharedResource.resx");
        var ru = Read("SharedResource.ru.resx");
        var zh = Read("SharedResource.zh-Hans.resx");
        Assert.NotEmpty(en);
        Assert.Equal(en.Keys.Order(), ru.Keys.Order());
        Assert.Equal(en.Keys.Order(), zh.Keys.Order());
        Assert.All(en, e => Assert.Equal(e.Key, e.Value));
        Assert.All(ru.Concat(zh), e => Assert.False(string.IsNullOrWhiteSpace(e.Value), $"'{e.Key}' has no translation"));
        Assert.All(en.Keys.Where(k => !k.Contains('|', StringComparison.Ordinal)), key => Assert.Equal(Placeholders(key), Placeholders(ru[key])));
        Assert.All(en.Keys.Where(k => !k.Contains('|', StringComparison.Ordinal)), key => Assert.Equal(Placeholders(key), Placeholders(zh[key])));
    }

    /// <summary>A plural resource has each language's number of forms (English 2, Russian 3, Chinese 1), each with the count.</summary>
    [Fact]
    public void Every_plural_resource_has_each_languages_forms_with_the_count_in_each()
    {
        var plurals = Read("SharedResource.resx").Keys.Where(k => k.Contains('|', StringComparison.Ordinal)).ToList();
        Assert.True(plurals.Count >= 5, "the portal's counted nouns have plural resources");
        foreach (var (file, culture) in new[] { ("SharedResource.resx", "en"), ("SharedResource.ru.resx", "ru"), ("SharedResource.zh-Hans.resx", "zh-Hans") })
        {
            var entries = Read(file);
            var forms = Plurals.FormsIn(System.Globalization.CultureInfo.GetCultureInfo(culture));
            Assert.All(plurals, key =>
            {
                var split = entries[key].Split('|');
                Assert.True(split.Length == forms, $"{culture} '{key}' has {split.Length} forms, not {forms}");
                Assert.All(split, form => Assert.Equal(Placeholders(key.Split('|')[0]), Placeholders(form)));
            });
        }
    }

    [Theory]
    [InlineData("en", 1, "1 role")]
    [InlineData("en", 2, "2 roles")]
    [InlineData("en", 0, "0 roles")]
    [InlineData("ru", 1, "1 роль")]
    [InlineData("ru", 2, "2 роли")]
    [InlineData("ru", 5, "5 ролей")]
    [InlineData("ru", 11, "11 ролей")]
    [InlineData("ru", 21, "21 роль")]
    [InlineData("ru", 104, "104 роли")]
    [InlineData("ru", 112, "112 ролей")]
    [InlineData("zh-Hans", 1, "1 个角色")]
    [InlineData("zh-Hans", 5, "5 个角色")]
    public void A_count_takes_its_languages_form(string culture, int count, string expected)
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(culture);
        try
        {
            var l = portal.Factory.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
            Assert.Equal(expected, l.Plural(count, "{0} role|{0} roles"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Every_string_the_source_localizes_has_a_resource_entry()
    {
        var known = Read("SharedResource.resx").Keys.ToHashSet();
        var files = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));
        var used = files.SelectMany(f => KeyPattern().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: Regex.Unescape(m.Groups["key"].Value)))).ToList();
        Assert.True(used.Count > 100, "the scan found too few strings to be trusted");
        var missing = used.Where(u => !known.Contains(u.Key)).Select(u => $"{u.File}: {u.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Missing from SharedResource.resx (run tools/i18n.py missing):\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_label_from_the_rule_tables_has_a_resource_entry()
    {
        var known = Read("SharedResource.resx").Keys.ToHashSet();
        var labels = PartnerRole.All.Append(CustomerRole.CustomerAdmin).Select(PartnerRole.DisplayName)
            .Concat(CloudPolicies.All.SelectMany(p => new[] { p.DisplayName, p.AdminCenterName, p.CustomerAgreementName }))
            .Concat(Enum.GetValues<PartnerKind>().Select(Labels.For))
            .Concat(DelegatedAdminServices.All.Select(DelegatedAdminServices.DisplayName))
            .Concat(Features.Audit.AuditActions.Labels.Values)
            .Concat(["Active", "Suspended", "Reseller", "Indirect reseller", "Delegated admin only"])
            .Concat(CloudPolicies.All.Where(p => p.GdapOffered).Select(p => p.GdapAdminCenterName!))
            .Concat(Domain.AdminRelationships.EntraRoles.All.SelectMany(r => new[] { r.Name, r.Description }))
            .Concat(Pages.AdminRelationships.AdminRelationshipLabels.All)
            .Concat(Features.AdminRelationships.AdminRelationshipList.CsvHeaders);
        Assert.All(labels, label => Assert.Contains(label, known));
    }

    [Theory]
    [InlineData("ru", "Панель мониторинга", "Клиенты")]
    [InlineData("zh-Hans", "仪表板", "客户")]
    public async Task Pages_render_in_the_language_of_the_browser(string culture, string heading, string menuItem)
    {
        using var client = portal.NewClient(culture);
        var home = await client.SignInAsync(DemoDirectory.PartnerUserEmail("contoso", PartnerRole.AdminAgent));
        Assert.Equal(heading, home.Find("h1")!.TextContent);
        Assert.Contains(menuItem, home.FindAll("nav.menu a").Select(a => a.TextContent));
    }

    [Fact]
    public void Every_country_has_a_Russian_and_a_Chinese_name()
    {
        Assert.All(Domain.Geography.Countries.All, c =>
        {
            var (russian, chinese) = CountryNameTranslations.ByCode[c.Code];
            Assert.False(string.IsNullOrWhiteSpace(russian));
            Assert.False(string.IsNullOrWhiteSpace(chinese));
        });
    }

    [Theory]
    [InlineData("ru", "Соединённые штаты")]
    [InlineData("zh-Hans", "美国")]
    public async Task Country_names_follow_the_users_language(string culture, string unitedStates)
    {
        using var client = portal.NewClient(culture);
        var home = await client.SignInAsync(DemoDirectory.PartnerUserEmail("contoso", PartnerRole.AdminAgent));
        Assert.Contains(unitedStates, home.Find("dl.org")!.TextContent, StringComparison.Ordinal);
    }

    private static string[] Placeholders(string text) => PlaceholderPattern().Matches(text).Select(m => m.Value).Order().ToArray();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PartnerPortal.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PartnerPortal.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"(?:\b[Ll]\[|ErrorMessage\s*=\s*|\bFail\(\s*|\b(?:Plural|new Count)\([^""()]*(?:\([^""()]*\)[^""()]*)*,\s*)""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
