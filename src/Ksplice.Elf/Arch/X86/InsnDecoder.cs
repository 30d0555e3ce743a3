using Iced.Intel;
using Ksplice.Elf.Arch;

namespace Ksplice.Elf.Arch.X86;

/// <summary>
/// Decodes x86-64 instructions from a byte buffer mapped at an address. The only code that touches Iced: everything
/// else sees <see cref="Insn"/>. Decoding never throws: bytes that do not form an instruction give
/// <see cref="InsnKind.Invalid"/> with length 1.
/// </summary>
public sealed class InsnDecoder
{
    private readonly byte[] _code;
    private readonly int _start;
    private readonly int _length;
    private readonly ulong _address;
    private readonly ByteArrayCodeReader _reader;
    private readonly Decoder _decoder;

    /// <summary>Decodes <paramref name="code"/>[start, start+length) as if it were mapped at <paramref name="address"/>.</summary>
    public InsnDecoder(byte[] code, int start, int length, ulong address)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (start + length > code.Length) throw new ArgumentOutOfRangeException(nameof(length));
        _code = code;
        _start = start;
        _length = length;
        _address = address;
        _reader = new ByteArrayCodeReader(code, start, length);
        _decoder = Decoder.Create(64, _reader, address, DecoderOptions.None);
    }

    public InsnDecoder(byte[] code, ulong address) : this(code, 0, code.Length, address)
    {
    }

    public int Length => _length;

    /// <summary>The instruction at <paramref name="offset"/> (relative to the buffer's start).</summary>
    public Insn Decode(int offset)
    {
        if (offset < 0 || offset >= _length) return new Insn(offset, 0, InsnKind.Invalid);
        _reader.Position = offset;
        _decoder.IP = _address + (ulong)offset;
        _decoder.Decode(out var instr);
        if (instr.IsInvalid || _decoder.LastError != DecoderError.None)
            return new Insn(offset, 1, InsnKind.Invalid);
        var offsets = _decoder.GetConstantOffsets(instr);
        var kind = KindOf(instr);
        var isRelativeBranch = instr.Op0Kind is OpKind.NearBranch16 or OpKind.NearBranch32 or OpKind.NearBranch64;
        return new Insn(offset, instr.Length, kind)
        {
            Target = isRelativeBranch ? instr.NearBranchTarget : null,
            DisplacementOffset = offsets.DisplacementOffset,
            DisplacementSize = offsets.DisplacementSize,
            ImmediateOffset = offsets.ImmediateOffset,
            ImmediateSize = offsets.ImmediateSize,
            IsRipRelative = instr.IsIPRelativeMemoryOperand,
            RelaxableJump = RelaxableJump(instr),
            Register = kind is InsnKind.IndirectCall or InsnKind.IndirectJump && instr.Op0Kind == OpKind.Register
                ? RegisterName(instr.Op0Register) : null,
        };
    }

    /// <summary>Decodes the whole buffer in order; an undecodable byte becomes a one-byte Invalid instruction.</summary>
    public IReadOnlyList<Insn> DecodeAll()
    {
        var list = new List<Insn>();
        for (var offset = 0; offset < _length;)
        {
            var insn = Decode(offset);
            list.Add(insn);
            offset += Math.Max(1, insn.Length);
        }
        return list;
    }

    /// <summary>The bytes of an instruction decoded from this buffer.</summary>
    public ReadOnlySpan<byte> Bytes(Insn insn) => _code.AsSpan(_start + insn.Offset, insn.Length);

    /// <summary>Decodes the whole of <paramref name="code"/> mapped at <paramref name="address"/>.</summary>
    public static IReadOnlyList<Insn> DecodeAll(byte[] code, ulong address) => new InsnDecoder(code, address).DecodeAll();

    private static InsnKind KindOf(in Instruction instr)
    {
        switch (instr.Mnemonic)
        {
            case Mnemonic.Nop: return InsnKind.Nop;
            case Mnemonic.Int3: return InsnKind.Int3;
            case Mnemonic.Lfence: return InsnKind.Lfence;
        }
        return instr.FlowControl switch
        {
            FlowControl.Call => InsnKind.Call,
            FlowControl.IndirectCall => InsnKind.IndirectCall,
            FlowControl.UnconditionalBranch => InsnKind.Jump,
            FlowControl.IndirectBranch => InsnKind.IndirectJump,
            FlowControl.ConditionalBranch => InsnKind.CondJump,
            FlowControl.Return => InsnKind.Return,
            _ => InsnKind.Other,
        };
    }

    private static JumpCondition? RelaxableJump(in Instruction instr)
    {
        if (instr.IsJmpShortOrNear) return JumpCondition.Always;
        if (!instr.IsJccShortOrNear) return null;
        return instr.ConditionCode switch
        {
            ConditionCode.o => JumpCondition.O, ConditionCode.no => JumpCondition.NO,
            ConditionCode.b => JumpCondition.B, ConditionCode.ae => JumpCondition.AE,
            ConditionCode.e => JumpCondition.E, ConditionCode.ne => JumpCondition.NE,
            ConditionCode.be => JumpCondition.BE, ConditionCode.a => JumpCondition.A,
            ConditionCode.s => JumpCondition.S, ConditionCode.ns => JumpCondition.NS,
            ConditionCode.p => JumpCondition.P, ConditionCode.np => JumpCondition.NP,
            ConditionCode.l => JumpCondition.L, ConditionCode.ge => JumpCondition.GE,
            ConditionCode.le => JumpCondition.LE, ConditionCode.g => JumpCondition.G,
            _ => null,
        };
    }

    private static string RegisterName(Register register) => register switch
    {
        Register.RAX => "rax", Register.RCX => "rcx", Register.RDX => "rdx", Register.RBX => "rbx",
        Register.RSP => "rsp", Register.RBP => "rbp", Register.RSI => "rsi", Register.RDI => "rdi",
        Register.R8 => "r8", Register.R9 => "r9", Register.R10 => "r10", Register.R11 => "r11",
        Register.R12 => "r12", Register.R13 => "r13", Register.R14 => "r14", Register.R15 => "r15",
        _ => register.ToString().ToLowerInvariant(),
    };
}
