using System.Text;
using System.Text.Json;
using SkeletonSsl.Data;
using SkeletonSsl.Data.Formats;
using SkeletonSsl.Experiments;

namespace SkeletonSsl.Tables;

/// <summary>What a Slurm submission asks of the cluster: each null is left to the cluster's defaults.</summary>
/// <param name="Partition">--partition.</param>
/// <param name="Gres">--gres, e.g. gpu:1.</param>
/// <param name="Time">--time, e.g. 04:00:00 (per task and for the report job).</param>
/// <param name="Account">--account.</param>
/// <param name="CpusPerTask">--cpus-per-task of every job.</param>
public sealed record SlurmSettings(string? Partition = null, string? Gres = null, string? Time = null, string? Account = null, int CpusPerTask = 1);

/// <summary>
/// The jobs that run a paper table on a Slurm cluster: one job array whose task i trains the table's i-th missing
/// pre-training run (<see cref="Runner.PretrainRuns"/>, by config hash: <c>table run-task NAME --run HASH</c>), with
/// <c>--requeue</c>, so a pre-empted or requeued task starts again and resumes from its run's newest checkpoint; and a
/// report job, submitted with <c>--dependency=afterok:ARRAY</c>, that runs <c>table run NAME</c>: it finds every run
/// finished, evaluates, stores the results and writes the report. Everything is addressed by absolute paths (the CLI,
/// the data root, the tables folder), so a job runs the same on any node that mounts them.
/// </summary>
/// <param name="Table">The table id.</param>
/// <param name="Runs">The config hashes of the array's runs, in task order (task i trains Runs[i]).</param>
/// <param name="Command">The CLI as a command line: the dotnet host and the CLI's dll, or its app host (absolute).</param>
/// <param name="WorkingDirectory">Where the jobs start (the repository root, so the kit's data/ folder is the same).</param>
/// <param name="OutDirectory">The tables folder (results/, pretrain/, eval/, reports), absolute.</param>
/// <param name="DataRoot">The prepared real data root, absolute, or null for the synthetic set.</param>
public sealed record SlurmJobs(string Table, IReadOnlyList<string> Runs, IReadOnlyList<string> Command, string WorkingDirectory,
                               string OutDirectory, string? DataRoot, Profile Profile, int Seed, string Device, SlurmSettings Settings)
{
    public const string ArrayScript = "pretrain.sbatch";
    public const string ReportScript = "report.sbatch";
    public const string SubmitScript = "submit.sh";
    public const string JobsFile = "jobs.json";

    /// <summary>Where the jobs' logs and the submission record go: OUT/slurm/TABLE.</summary>
    public string LogDirectory => Path.Combine(OutDirectory, "slurm", Table);

    /// <summary>The array job's script; null when every run the table needs is stored already (nothing to train).</summary>
    public string? PretrainScript()
    {
        if (Runs.Count == 0) return null;
        var s = Header($"skssl-{Table}-pretrain", Path.Combine(LogDirectory, "pretrain-%A_%a.out"));
        s.Append($"#SBATCH --array=0-{Runs.Count - 1}\n");
        s.Append("#SBATCH --requeue\n");                  // pre-emption or `scontrol requeue`: back to pending, then resumed
        s.Append("#SBATCH --open-mode=append\n");         // a requeued task's log keeps the first attempt's lines
        s.Append("set -euo pipefail\n");
        s.Append("# Task i trains run RUNS[i] (its config hash); a restarted task resumes from the run's newest checkpoint.\n");
        s.Append($"RUNS=({string.Join(' ', Runs)})\n");
        s.Append($"cd {Quote(WorkingDirectory)}\n");
        s.Append("echo \"task ${SLURM_ARRAY_TASK_ID} run ${RUNS[$SLURM_ARRAY_TASK_ID]} restart ${SLURM_RESTART_COUNT:-0} on $(hostname)\"\n");
        s.Append("exec ").Append(Cli("table", "run-task", Table, "--run")).Append(" \"${RUNS[$SLURM_ARRAY_TASK_ID]}\" ")
         .Append(CommonArgs()).Append('\n');
        return s.ToString();
    }

    /// <summary>The report job's script: evaluates the stored runs and writes OUT/TABLE.md, .csv and .html.</summary>
    public string ReportScriptText()
    {
        var s = Header($"skssl-{Table}-report", Path.Combine(LogDirectory, "report-%j.out"));
        s.Append("set -euo pipefail\n");
        s.Append($"cd {Quote(WorkingDirectory)}\n");
        s.Append("exec ").Append(Cli("table", "run", Table)).Append(' ').Append(CommonArgs()).Append('\n');
        return s.ToString();
    }

    /// <summary>Submits the two scripts beside it, the report job depending on the array (what <c>--executor slurm</c> does).</summary>
    public string SubmitScriptText(string directory)
    {
        var s = new StringBuilder("#!/bin/bash\n# Submits the table's jobs: the pre-training array, then the report job after it succeeds.\nset -euo pipefail\n");
        string report = Quote(Path.Combine(directory, ReportScript));
        if (PretrainScript() is null)
            s.Append($"sbatch --parsable {report}\n");
        else
        {
            s.Append($"array=$(sbatch --parsable {Quote(Path.Combine(directory, ArrayScript))})\n");
            s.Append("array=${array%%;*}\n");
            s.Append($"sbatch --parsable --dependency=afterok:$array --kill-on-invalid-dep=yes {report}\n");
        }
        return s.ToString();
    }

    /// <summary>Writes pretrain.sbatch (when there is anything to train), report.sbatch and submit.sh into the folder; returns their paths.</summary>
    public IReadOnlyList<string> Write(string directory)
    {
        directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        if (PretrainScript() is { } array) written.Add(WriteScript(Path.Combine(directory, ArrayScript), array));
        else File.Delete(Path.Combine(directory, ArrayScript));      // an earlier submission's, which submit.sh no longer names
        written.Add(WriteScript(Path.Combine(directory, ReportScript), ReportScriptText()));
        written.Add(WriteScript(Path.Combine(directory, SubmitScript), SubmitScriptText(directory)));
        return written;
    }

    /// <summary>A single-quoted shell word.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "/._-:=,+@%".Contains(c)) ? word : "'" + word.Replace("'", "'\\''") + "'";

    private StringBuilder Header(string name, string output)
    {
        var s = new StringBuilder("#!/bin/bash\n");
        s.Append($"# {Table}, profile {Profile.ToString().ToLowerInvariant()}, seed {Seed}, device {Device}: written by `table run --executor slurm`.\n");
        s.Append($"#SBATCH --job-name={name}\n");
        s.Append($"#SBATCH --output={output}\n");
        s.Append($"#SBATCH --cpus-per-task={Settings.CpusPerTask}\n");
        if (Settings.Partition is { } p) s.Append($"#SBATCH --partition={p}\n");
        if (Settings.Gres is { } g) s.Append($"#SBATCH --gres={g}\n");
        if (Settings.Time is { } t) s.Append($"#SBATCH --time={t}\n");
        if (Settings.Account is { } a) s.Append($"#SBATCH --account={a}\n");
        return s;
    }

    private string Cli(params string[] args) => string.Join(' ', Command.Concat(args).Select(Quote));

    private string CommonArgs()
    {
        var args = new List<string> { "--profile", Profile.ToString().ToLowerInvariant(), "--seed", Seed.ToString(), "--device", Device, "--out", OutDirectory };
        if (DataRoot is not null) args.AddRange(["--data-root", DataRoot]);
        return string.Join(' ', args.Select(Quote));
    }

    private static string WriteScript(string path, string text)
    {
        AtomicFile.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                       UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return path;
    }
}

/// <summary>What a submission recorded in OUT/slurm/TABLE/jobs.json: the job ids and the runs of the array's tasks, for <c>table status</c>.</summary>
public sealed record SlurmSubmission(string Table, string? ArrayJob, string ReportJob, IReadOnlyList<string> Runs, DateTimeOffset Submitted)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static SlurmSubmission? TryLoad(string path)
    {
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<SlurmSubmission>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw new DataFormatException(path, $"expected a Slurm submission record: {e.Message}", (int)(e.LineNumber ?? 0) + 1, e.Path, e); }
    }
}
