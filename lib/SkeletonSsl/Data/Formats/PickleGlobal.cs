namespace SkeletonSsl.Data.Formats;

/// <summary>
/// A Python global (<c>module.name</c>) that an <see cref="Unpickler"/> may resolve, and the only code
/// a pickle can reach: the virtual machine never imports or calls anything itself. When a GLOBAL or
/// STACK_GLOBAL names this (module, name) and it is in the caller's <see cref="PickleAllowlist"/>, the
/// handler object itself is pushed as the value; the opcodes that would call Python then call it:
/// <list type="bullet">
/// <item>REDUCE (<c>callable(*args)</c>) calls <see cref="Call"/> with the argument tuple;</item>
/// <item>NEWOBJ (<c>cls.__new__(cls, *args)</c>) calls <see cref="New"/>;</item>
/// <item>BUILD (<c>obj.__setstate__(state)</c>) on an object that this handler returned calls
/// <see cref="Build"/>.</item>
/// </list>
/// Each operation a handler does not override is refused (a <see cref="DataFormatException"/> naming
/// the file, byte offset and global). Handlers see plain values (see <see cref="Unpickler"/> for the
/// mapping) and return plain .NET objects; they should throw <see cref="ArgumentException"/> or
/// <see cref="DataFormatException"/> for arguments they do not understand.
/// </summary>
public abstract class PickleGlobal(string module, string name)
{
    /// <summary>The module, e.g. <c>collections</c> or <c>torch._utils</c>.</summary>
    public string Module { get; } = module;

    /// <summary>The qualified name inside the module, e.g. <c>OrderedDict</c>.</summary>
    public string Name { get; } = name;

    /// <summary>REDUCE: the result of calling this global with <paramref name="args"/> (a tuple).</summary>
    public virtual object? Call(object?[] args) => throw new NotSupportedException();

    /// <summary>NEWOBJ: a new instance of this class built from <paramref name="args"/>.</summary>
    public virtual object? New(object?[] args) => throw new NotSupportedException();

    /// <summary>BUILD: applies <paramref name="state"/> to <paramref name="target"/>, an object returned by
    /// this handler's <see cref="Call"/> or <see cref="New"/>; returns the object that replaces it on the stack
    /// (usually <paramref name="target"/> itself).</summary>
    public virtual object? Build(object target, object? state) => throw new NotSupportedException();

    public override string ToString() => $"{Module}.{Name}";

    /// <summary>A handler from delegates: <paramref name="call"/> serves REDUCE, <paramref name="newObject"/>
    /// NEWOBJ and <paramref name="build"/> BUILD; a null delegate refuses that operation.</summary>
    public static PickleGlobal Function(string module, string name, Func<object?[], object?>? call = null,
        Func<object?[], object?>? newObject = null, Func<object, object?, object?>? build = null) =>
        new DelegateGlobal(module, name, call, newObject, build);

    /// <summary>
    /// A handler that runs nothing: REDUCE and NEWOBJ return a <see cref="PickleObject"/> recording the
    /// global and its arguments; BUILD records the state on it. Useful to look at a pickle's structure
    /// or to decode a class later from its recorded arguments.
    /// </summary>
    public static PickleGlobal Recording(string module, string name) => new RecordingGlobal(module, name);

    private sealed class DelegateGlobal(string module, string name, Func<object?[], object?>? call,
        Func<object?[], object?>? newObject, Func<object, object?, object?>? build) : PickleGlobal(module, name)
    {
        public override object? Call(object?[] args) => call is null ? base.Call(args) : call(args);
        public override object? New(object?[] args) => newObject is null ? base.New(args) : newObject(args);
        public override object? Build(object target, object? state) => build is null ? base.Build(target, state) : build(target, state);
    }

    private sealed class RecordingGlobal(string module, string name) : PickleGlobal(module, name)
    {
        public override object? Call(object?[] args) => new PickleObject(Module, Name, args);
        public override object? New(object?[] args) => new PickleObject(Module, Name, args);

        public override object? Build(object target, object? state)
        {
            ((PickleObject)target).State = state;
            return target;
        }
    }
}
