using SharpFuzz;
using SkeletonSsl.Cli.Fuzz;
using SkeletonSsl.Data;
using SkeletonSsl.Training;

// One reader per process, driven by libFuzzer through SharpFuzz:
//   SkeletonSsl.Fuzz [FORMAT]               read inputs from libFuzzer (see tools/fuzz/README.md); the format
//                                           comes from SKELETONSSL_FUZZ_FORMAT when the driver passes no argument
//   SkeletonSsl.Fuzz FORMAT --seeds DIR     write the format's seed files into DIR, to start a corpus
// A DataFormatException is the wanted answer to bad input; any other exception escapes and libFuzzer
// records the input as a crash.
string? format = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("SKELETONSSL_FUZZ_FORMAT");
if (format is null || args.Length is not (0 or 1 or 3) || (args.Length == 3 && args[1] != "--seeds"))
{
    Console.Error.WriteLine($"usage: SkeletonSsl.Fuzz {string.Join("|", FuzzTargets.Names)} [--seeds DIR]");
    return 2;
}
NativeRuntime.EnsureInitialised();
string scratch = Directory.CreateTempSubdirectory($"skeletonssl-libfuzzer-{format}-").FullName;
var target = FuzzTargets.Create(format, scratch);
if (args.Length == 3)
{
    Directory.CreateDirectory(args[2]);
    for (int i = 0; i < target.Seeds.Count; i++) File.WriteAllBytes(Path.Combine(args[2], $"seed-{i}"), target.Seeds[i]);
    return 0;
}
Fuzzer.LibFuzzer.Run(input =>
{
    try { target.Read(input.ToArray(), scratch); }
    catch (DataFormatException) { }
});
return 0;
