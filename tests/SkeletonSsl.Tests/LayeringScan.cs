using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace SkeletonSsl.Tests;

/// <summary>
/// Reads a built assembly's metadata and lists, for every type of the kit, the kit's types it
/// refers to: base type and interfaces, generic constraints, custom attributes, the signatures of
/// fields, methods, properties and events, and in method bodies the locals and every type, method
/// and field token (calls, allocations, field accesses, casts, typeof). Nested and compiler-generated
/// types (closures, state machines) count as their outermost declaring type. Names are relative to
/// the root namespace: "Evaluation.FineTune", "Encoders.StGcn.StGcnEncoder", "Kit".
/// </summary>
internal sealed class LayeringScan : ISignatureTypeProvider<IEnumerable<TypeDefinitionHandle>, object?>
{
    private const string Root = "SkeletonSsl";
    private static readonly IEnumerable<TypeDefinitionHandle> None = [];
    private static readonly Dictionary<ushort, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => (ushort)o.Value);

    private readonly MetadataReader _reader;
    private readonly PEReader _pe;

    private LayeringScan(PEReader pe)
    {
        _pe = pe;
        _reader = pe.GetMetadataReader();
    }

    /// <summary>Every (user, used) pair of distinct kit types in the assembly at the path, by relative name.</summary>
    public static IReadOnlySet<(string User, string Used)> References(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        return new LayeringScan(pe).Scan();
    }

    private HashSet<(string, string)> Scan()
    {
        var pairs = new HashSet<(string, string)>();
        foreach (var handle in _reader.TypeDefinitions)
        {
            if (NameOf(handle) is not { } user) continue;
            foreach (var target in ReferencesOf(handle))
                if (NameOf(target) is { } used && used != user) pairs.Add((user, used));
        }
        return pairs;
    }

    /// <summary>The relative name of a type's outermost declaring type, or null outside the kit's namespaces.</summary>
    private string? NameOf(TypeDefinitionHandle handle)
    {
        var type = _reader.GetTypeDefinition(handle);
        while (type.GetDeclaringType() is { IsNil: false } outer) type = _reader.GetTypeDefinition(outer);
        var ns = _reader.GetString(type.Namespace);
        var name = _reader.GetString(type.Name);
        int tick = name.IndexOf('`');
        if (tick >= 0) name = name[..tick];
        if (ns == Root) return name;
        return ns.StartsWith(Root + ".", StringComparison.Ordinal) ? $"{ns[(Root.Length + 1)..]}.{name}" : null;
    }

    private IEnumerable<TypeDefinitionHandle> ReferencesOf(TypeDefinitionHandle handle)
    {
        var type = _reader.GetTypeDefinition(handle);
        var found = new List<TypeDefinitionHandle>();
        found.AddRange(OfType(type.BaseType));
        foreach (var i in type.GetInterfaceImplementations()) found.AddRange(OfType(_reader.GetInterfaceImplementation(i).Interface));
        found.AddRange(OfGenericParameters(type.GetGenericParameters()));
        found.AddRange(OfAttributes(type.GetCustomAttributes()));
        foreach (var f in type.GetFields())
        {
            var field = _reader.GetFieldDefinition(f);
            found.AddRange(field.DecodeSignature(this, null));
            found.AddRange(OfAttributes(field.GetCustomAttributes()));
        }
        foreach (var p in type.GetProperties())
        {
            var property = _reader.GetPropertyDefinition(p);
            found.AddRange(OfSignature(property.DecodeSignature(this, null)));
            found.AddRange(OfAttributes(property.GetCustomAttributes()));
        }
        foreach (var e in type.GetEvents()) found.AddRange(OfType(_reader.GetEventDefinition(e).Type));
        foreach (var m in type.GetMethods())
        {
            var method = _reader.GetMethodDefinition(m);
            found.AddRange(OfSignature(method.DecodeSignature(this, null)));
            found.AddRange(OfGenericParameters(method.GetGenericParameters()));
            found.AddRange(OfAttributes(method.GetCustomAttributes()));
            if (method.RelativeVirtualAddress != 0) found.AddRange(OfBody(_pe.GetMethodBody(method.RelativeVirtualAddress)));
        }
        return found;
    }

    private IEnumerable<TypeDefinitionHandle> OfBody(MethodBodyBlock body)
    {
        var found = new List<TypeDefinitionHandle>();
        if (!body.LocalSignature.IsNil)
            foreach (var local in _reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null)) found.AddRange(local);
        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            ushort value = il.ReadByte();
            if (value == 0xFE) value = (ushort)(0xFE00 | il.ReadByte());
            if (!OpCodesByValue.TryGetValue(value, out var op)) throw new InvalidDataException($"unknown IL opcode 0x{value:X}");
            switch (op.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.ShortInlineR or OperandType.InlineString:
                    il.Offset += 4;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineSwitch:
                    int targets = il.ReadInt32();   // read first: `Offset += 4 * ReadInt32()` would reuse the old offset
                    il.Offset += 4 * targets;
                    break;
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType or OperandType.InlineSig:
                    found.AddRange(OfToken(MetadataTokens.EntityHandle(il.ReadInt32())));
                    break;
                default:
                    throw new InvalidDataException($"IL operand type {op.OperandType} of {op.Name} is not handled");
            }
        }
        return found;
    }

    /// <summary>A metadata token in IL or an attribute: the member's declaring type and the types in its signature.</summary>
    private IEnumerable<TypeDefinitionHandle> OfToken(EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification:
                return OfType(handle);
            case HandleKind.MethodDefinition:
                return [_reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType()];
            case HandleKind.FieldDefinition:
                return [_reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()];
            case HandleKind.MemberReference:
                var member = _reader.GetMemberReference((MemberReferenceHandle)handle);
                var parent = member.Parent.Kind == HandleKind.MethodDefinition ? OfToken(member.Parent) : OfType(member.Parent);
                var signature = member.GetKind() == MemberReferenceKind.Field
                    ? member.DecodeFieldSignature(this, null)
                    : OfSignature(member.DecodeMethodSignature(this, null));
                return parent.Concat(signature);
            case HandleKind.MethodSpecification:
                var spec = _reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                return OfToken(spec.Method).Concat(spec.DecodeSignature(this, null).SelectMany(t => t));
            case HandleKind.StandaloneSignature:
                return OfSignature(_reader.GetStandaloneSignature((StandaloneSignatureHandle)handle).DecodeMethodSignature(this, null));
            default:
                return None;
        }
    }

    private IEnumerable<TypeDefinitionHandle> OfType(EntityHandle handle) => handle.IsNil ? None : handle.Kind switch
    {
        HandleKind.TypeDefinition => [(TypeDefinitionHandle)handle],
        HandleKind.TypeSpecification => _reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null),
        _ => None,   // a type of another assembly
    };

    private IEnumerable<TypeDefinitionHandle> OfGenericParameters(GenericParameterHandleCollection parameters) =>
        parameters.SelectMany(p => _reader.GetGenericParameter(p).GetConstraints())
                  .SelectMany(c => OfType(_reader.GetGenericParameterConstraint(c).Type));

    private IEnumerable<TypeDefinitionHandle> OfAttributes(CustomAttributeHandleCollection attributes) =>
        attributes.SelectMany(a => OfToken(_reader.GetCustomAttribute(a).Constructor));

    private static IEnumerable<TypeDefinitionHandle> OfSignature(MethodSignature<IEnumerable<TypeDefinitionHandle>> signature) =>
        signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(p => p));

    // ISignatureTypeProvider: a decoded type is the set of the kit's type definitions it mentions.
    public IEnumerable<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [handle];
    public IEnumerable<TypeDefinitionHandle> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => None;
    public IEnumerable<TypeDefinitionHandle> GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, context);
    public IEnumerable<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => None;
    public IEnumerable<TypeDefinitionHandle> GetSZArrayType(IEnumerable<TypeDefinitionHandle> elementType) => elementType;
    public IEnumerable<TypeDefinitionHandle> GetArrayType(IEnumerable<TypeDefinitionHandle> elementType, ArrayShape shape) => elementType;
    public IEnumerable<TypeDefinitionHandle> GetByReferenceType(IEnumerable<TypeDefinitionHandle> elementType) => elementType;
    public IEnumerable<TypeDefinitionHandle> GetPointerType(IEnumerable<TypeDefinitionHandle> elementType) => elementType;
    public IEnumerable<TypeDefinitionHandle> GetPinnedType(IEnumerable<TypeDefinitionHandle> elementType) => elementType;
    public IEnumerable<TypeDefinitionHandle> GetGenericInstantiation(IEnumerable<TypeDefinitionHandle> genericType, ImmutableArray<IEnumerable<TypeDefinitionHandle>> typeArguments) =>
        genericType.Concat(typeArguments.SelectMany(t => t));
    public IEnumerable<TypeDefinitionHandle> GetGenericMethodParameter(object? context, int index) => None;
    public IEnumerable<TypeDefinitionHandle> GetGenericTypeParameter(object? context, int index) => None;
    public IEnumerable<TypeDefinitionHandle> GetFunctionPointerType(MethodSignature<IEnumerable<TypeDefinitionHandle>> signature) => OfSignature(signature);
    public IEnumerable<TypeDefinitionHandle> GetModifiedType(IEnumerable<TypeDefinitionHandle> modifier, IEnumerable<TypeDefinitionHandle> unmodifiedType, bool isRequired) => unmodifiedType;
}
