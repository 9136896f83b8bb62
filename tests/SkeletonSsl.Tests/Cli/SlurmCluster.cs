using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SkeletonSsl.Tests.Cli;

/// <summary>
/// A single-node Slurm cluster on this machine for one test: munged with its own key and socket, slurmctld and slurmd
/// on localhost with a generated slurm.conf (2 CPUs, one partition "debug", select/cons_tres, proctrack/linuxproc,
/// task/none, no accounting database; finished jobs are kept in the controller for <c>scontrol</c> and written to a job
/// completion file), every state, spool, log and pid file under a temporary folder, on free ports. Dispose stops it
/// (cancels its jobs, then ends the three daemons by their pid files). Debian's packages: slurm-wlm and munge
/// (environment/setup.sh installs them).
/// </summary>
internal sealed class SlurmCluster : IDisposable
{
    public const string Partition = "debug";
    private static readonly string[] Daemons = ["munged", "slurmctld", "slurmd"];
    private static readonly string[] Clients = ["sbatch", "squeue", "scontrol", "scancel", "sinfo"];

    private SlurmCluster(string root) => Root = root;

    public string Root { get; }
    public string Conf => Path.Combine(Root, "slurm.conf");
    private string Log(string name) => Path.Combine(Root, "log", name);

    /// <summary>Why this machine cannot run the cluster (a binary missing from PATH and /usr/sbin), or null.</summary>
    public static string? Missing()
    {
        var missing = Daemons.Concat(Clients).Where(n => Which(n) is null).ToList();
        return missing.Count == 0 ? null
            : $"Slurm is not installed (missing {string.Join(", ", missing)}): `apt-get install -y slurm-wlm munge` (environment/setup.sh does it)";
    }

    /// <summary>Starts the cluster and waits until its node is idle (30 s at most, else the logs are in the exception).</summary>
    public static SlurmCluster Start()
    {
        var root = Directory.CreateTempSubdirectory("skeletonssl-slurm-").FullName;
        var cluster = new SlurmCluster(root);
        try
        {
            cluster.Boot();
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    private void Boot()
    {
        foreach (var d in new[] { "munge", "state", "spool", "log" }) Directory.CreateDirectory(Path.Combine(Root, d));
        string munge = Path.Combine(Root, "munge");
        File.SetUnixFileMode(munge, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string key = Path.Combine(munge, "munge.key");
        File.WriteAllBytes(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string socket = Path.Combine(munge, "munge.socket");
        Exec("munged", $"--socket={socket}", $"--key-file={key}", $"--pid-file={Path.Combine(munge, "munged.pid")}",
             $"--log-file={Log("munged.log")}", $"--seed-file={Path.Combine(munge, "munged.seed")}", "--force");

        string user = System.Environment.UserName;
        var conf = new StringBuilder();
        conf.Append($"""
            ClusterName=skeletonssl-test
            SlurmctldHost=localhost
            SlurmUser={user}
            SlurmdUser={user}
            AuthType=auth/munge
            AuthInfo=socket={socket}
            CredType=cred/munge
            SlurmctldPort={FreePort()}
            SlurmdPort={FreePort()}
            StateSaveLocation={Path.Combine(Root, "state")}
            SlurmdSpoolDir={Path.Combine(Root, "spool")}
            SlurmctldPidFile={Path.Combine(Root, "slurmctld.pid")}
            SlurmdPidFile={Path.Combine(Root, "slurmd.pid")}
            SlurmctldLogFile={Log("slurmctld.log")}
            SlurmdLogFile={Log("slurmd.log")}
            SchedulerType=sched/backfill
            SchedulerParameters=sched_interval=1
            SelectType=select/cons_tres
            SelectTypeParameters=CR_CPU
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            JobCompType=jobcomp/filetxt
            JobCompLoc={Log("jobcomp.txt")}
            MpiDefault=none
            ReturnToService=2
            JobRequeue=1
            MinJobAge=600
            NodeName=localhost CPUs=2 RealMemory=500 State=UNKNOWN
            PartitionName={Partition} Nodes=localhost Default=YES MaxTime=INFINITE State=UP

            """);
        File.WriteAllText(Conf, conf.ToString());
        Exec("slurmctld", "-f", Conf, "-i");
        Exec("slurmd", "-f", Conf, "-N", "localhost");
        WaitFor(TimeSpan.FromSeconds(30), "the node to come up idle",
                () => Client("sinfo", "-h", "-o", "%t").Out.Trim() is "idle");
    }

    /// <summary>Runs a Slurm client against this cluster.</summary>
    public (int Code, string Out, string Err) Client(string tool, params string[] args) => Run(Which(tool) ?? tool, args, ClientEnvironment());

    /// <summary>The environment a process needs to talk to this cluster (SLURM_CONF).</summary>
    public Dictionary<string, string> ClientEnvironment() => new() { ["SLURM_CONF"] = Conf };

    /// <summary>The job's scontrol record as key=value pairs (JobState, Reason, Restarts, ...), or empty once it is gone.</summary>
    public Dictionary<string, string> Job(string id)
    {
        var (code, output, _) = Client("scontrol", "show", "job", "-o", id);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (code != 0) return fields;
        foreach (var part in output.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (part.IndexOf('=') is > 0 and var at) fields.TryAdd(part[..at], part[(at + 1)..].Trim());
        return fields;
    }

    /// <summary>Polls <paramref name="done"/>; past <paramref name="limit"/>, fails naming what it waited for, with the daemons' logs.</summary>
    /// <param name="jobLogs">A folder of job logs (*.out) to add to the failure message.</param>
    /// <param name="pollMs">How often to ask.</param>
    public void WaitFor(TimeSpan limit, string what, Func<bool> done, string? jobLogs = null, int pollMs = 100)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > limit)
                throw new TimeoutException($"waited {limit.TotalSeconds:0} s for {what}\nsqueue:\n{Client("squeue", "-a").Out}\n{Logs(jobLogs)}");
            Thread.Sleep(pollMs);
        }
    }

    /// <summary>The last lines of the daemons' logs and of every job log below <paramref name="jobLogs"/>, for failure messages.</summary>
    public string Logs(string? jobLogs = null)
    {
        var s = new StringBuilder();
        foreach (var name in new[] { "slurmctld.log", "slurmd.log", "munged.log" })
            s.Append(Tail(Log(name)));
        if (jobLogs is not null && Directory.Exists(jobLogs))
            foreach (var file in Directory.EnumerateFiles(jobLogs, "*.out").Order()) s.Append(Tail(file));
        return s.ToString();
    }

    public void Dispose()
    {
        try
        {
            if (File.Exists(Conf))
            {
                Client("scancel", "--user", System.Environment.UserName);
                var clock = Stopwatch.StartNew();                // let slurmd end the cancelled jobs' processes
                while (clock.Elapsed < TimeSpan.FromSeconds(10) && Client("squeue", "-h").Out.Trim().Length > 0) Thread.Sleep(200);
            }
        }
        catch (Exception) { }
        foreach (var pidFile in new[] { "slurmd.pid", "slurmctld.pid", Path.Combine("munge", "munged.pid") })
            Stop(Path.Combine(Root, pidFile));
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static void Stop(string pidFile)
    {
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out int pid)) return;
        try
        {
            using var process = Process.GetProcessById(pid);
            Run("kill", ["-TERM", pid.ToString()], null);
            if (!process.WaitForExit(TimeSpan.FromSeconds(10))) process.Kill();
        }
        catch (ArgumentException) { }                       // already gone
        catch (InvalidOperationException) { }
    }

    private static string Tail(string path, int lines = 40)
    {
        if (!File.Exists(path)) return $"--- {Path.GetFileName(path)}: absent\n";
        var all = File.ReadAllLines(path);
        return $"--- {path} (last {Math.Min(lines, all.Length)} of {all.Length} lines)\n{string.Join('\n', all.TakeLast(lines))}\n";
    }

    private void Exec(string daemon, params string[] args)
    {
        var (code, output, error) = Run(Which(daemon) ?? daemon, args, ClientEnvironment());
        if (code != 0) throw new InvalidOperationException($"{daemon} {string.Join(' ', args)} failed (exit {code}): {output}{error}\n{Logs()}");
    }

    private static (int Code, string Out, string Err) Run(string file, IEnumerable<string> args, Dictionary<string, string>? env)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        if (env is not null) foreach (var (k, v) in env) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var err = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not return within 60 s");
        }
        return (process.ExitCode, output.Result, err.Result);
    }

    private static string? Which(string name) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/sbin").Append("/sbin")
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
