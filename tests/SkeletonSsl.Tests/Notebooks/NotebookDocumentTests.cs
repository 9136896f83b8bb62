using SkeletonSsl.Data;
using SkeletonSsl.Notebooks.Execution;

namespace SkeletonSsl.Tests.Notebooks;

public sealed class NotebookDocumentTests
{
    [Fact]
    public void Invalid_json_is_a_format_error_naming_the_file_and_line()
    {
        var e = Assert.Throws<DataFormatException>(() => NotebookDocument.Parse("{\n \"cells\": [\n  {oops}\n ]\n}", "broken.ipynb"));
        Assert.Equal("broken.ipynb", e.File);
        Assert.Equal(3, e.Line);
    }

    [Theory]
    [InlineData("{\"nbformat\": 3, \"cells\": []}", "expected nbformat 4")]
    [InlineData("{\"nbformat\": 4}", "expected a \"cells\" array")]
    [InlineData("{\"nbformat\": 4, \"cells\": [{\"source\": \"x\"}]}", "expected \"cell_type\"")]
    [InlineData("[1, 2]", "expected a JSON object")]
    public void Notebooks_that_are_not_nbformat_4_are_rejected_with_what_was_expected(string json, string expected)
    {
        var e = Assert.Throws<DataFormatException>(() => NotebookDocument.Parse(json, "n.ipynb"));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Saving_keeps_fields_the_executor_does_not_know_and_source_in_either_shape()
    {
        const string json = """
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {"custom": {"keep": [1, 2]}},
             "cells": [{"cell_type": "code", "metadata": {"tags": ["a"]}, "source": "var x = 1;\nx", "outputs": [], "execution_count": null},
                       {"cell_type": "markdown", "metadata": {}, "source": ["# Title\n", "text <b>"]}]}
            """;
        var doc = NotebookDocument.Parse(json, "n.ipynb");
        string path = Path.Combine(Path.GetTempPath(), $"skeletonssl-doc-{Guid.NewGuid():N}.ipynb");
        doc.Save(path);
        var again = NotebookDocument.Load(path);

        Assert.Equal("var x = 1;\nx", again.Cells[0].Source);
        Assert.Equal("# Title\ntext <b>", again.Cells[1].Source);
        Assert.Equal("[1,2]", again.Root["metadata"]!["custom"]!["keep"]!.ToJsonString());
        Assert.Equal("a", again.Cells[0].Json["metadata"]!["tags"]![0]!.GetValue<string>());
        Assert.Contains("text <b>", File.ReadAllText(path)); // HTML stays readable, not \u003C-escaped
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + ".tmp-*"));
    }
}
