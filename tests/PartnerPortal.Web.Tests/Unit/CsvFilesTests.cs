using System.Text;
using PartnerPortal.Web.Features.Onboarding;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Tests.Unit;

/// <summary>The CSV reader of uploads reads back what the CSV writer of downloads writes, by RFC 4180's rules.</summary>
public sealed class CsvFilesTests
{
    [Fact]
    public void A_download_reads_back_as_the_same_records()
    {
        string[][] records =
        [
            ["domain", "company name", "email"],
            ["adatum.onmicrosoft.com", "Adatum, Inc.", "ann@adatum.example"],
            ["relecloud.onmicrosoft.com", "The \"Relecloud\" company", ""],
            ["contoso.partner.onmschina.cn", "世纪互联 客户", "Пётр@contoso.example"],
        ];
        var bytes = CsvFiles.Bytes(records);

        var read = CsvFiles.Records(Encoding.UTF8.GetString(bytes)).ToList();

        Assert.Equal(records.Length, read.Count);
        for (var i = 0; i < records.Length; i++)
        {
            Assert.Equal(records[i], read[i]);
        }
    }

    [Fact]
    public void An_upload_skips_its_header_and_blank_lines_even_after_a_byte_order_mark()
    {
        var csv = "\uFEFFDomain,Company\r\n\r\nadatum.onmicrosoft.com,\"Adatum, Inc.\"\n  \nfabrikam.onmicrosoft.com\n";

        var rows = OnboardCustomers.CsvLines(csv).ToList();

        Assert.Equal(2, rows.Count);
        Assert.Equal(["adatum.onmicrosoft.com", "Adatum, Inc."], rows[0]);
        Assert.Equal(["fabrikam.onmicrosoft.com"], rows[1]);
    }
}
