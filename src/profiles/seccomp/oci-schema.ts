// The seccomp part of the OCI runtime specification as a JSON Schema, written after
// opencontainers/runtime-spec config-linux.md ("Seccomp") and schema/defs-linux.json, extended
// with what the current spec (v1.2) adds to the older schema file: the KILL_PROCESS, KILL_THREAD,
// LOG and NOTIFY actions, errnoRet, flags, listenerPath/listenerMetadata and the newer
// architectures. Properties beyond these are not rejected here: the checker reports the keys
// Docker's (moby's) profile format adds, with what containerd does with them.

const uint32 = { type: 'integer', minimum: 0, maximum: 4294967295 } as const;
const uint64 = { type: 'integer', minimum: 0, maximum: 18446744073709551615 } as const;

export const SECCOMP_ACTIONS = [
  'SCMP_ACT_KILL',
  'SCMP_ACT_KILL_PROCESS',
  'SCMP_ACT_KILL_THREAD',
  'SCMP_ACT_TRAP',
  'SCMP_ACT_ERRNO',
  'SCMP_ACT_TRACE',
  'SCMP_ACT_ALLOW',
  'SCMP_ACT_LOG',
  'SCMP_ACT_NOTIFY',
] as const;

/** libseccomp's architecture tokens, and the column of the syscall table each one uses. */
export const SECCOMP_ARCHITECTURES: Readonly<Record<string, string>> = {
  SCMP_ARCH_X86: 'x86',
  SCMP_ARCH_X86_64: 'x86_64',
  SCMP_ARCH_X32: 'x32',
  SCMP_ARCH_ARM: 'arm',
  SCMP_ARCH_AARCH64: 'aarch64',
  SCMP_ARCH_LOONGARCH64: 'loongarch64',
  SCMP_ARCH_M68K: 'm68k',
  SCMP_ARCH_MIPS: 'mips',
  SCMP_ARCH_MIPS64: 'mips64',
  SCMP_ARCH_MIPS64N32: 'mips64n32',
  SCMP_ARCH_MIPSEL: 'mips',
  SCMP_ARCH_MIPSEL64: 'mips64',
  SCMP_ARCH_MIPSEL64N32: 'mips64n32',
  SCMP_ARCH_PPC: 'ppc',
  SCMP_ARCH_PPC64: 'ppc64',
  SCMP_ARCH_PPC64LE: 'ppc64',
  SCMP_ARCH_S390: 's390',
  SCMP_ARCH_S390X: 's390x',
  SCMP_ARCH_PARISC: 'parisc',
  SCMP_ARCH_PARISC64: 'parisc64',
  SCMP_ARCH_RISCV64: 'riscv64',
  SCMP_ARCH_SH: 'sh',
  SCMP_ARCH_SHEB: 'sh',
};

export const SECCOMP_FLAGS = [
  'SECCOMP_FILTER_FLAG_TSYNC',
  'SECCOMP_FILTER_FLAG_LOG',
  'SECCOMP_FILTER_FLAG_SPEC_ALLOW',
  'SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV',
] as const;

export const OCI_SECCOMP_SCHEMA = {
  type: 'object',
  required: ['defaultAction'],
  properties: {
    defaultAction: { enum: SECCOMP_ACTIONS },
    defaultErrnoRet: uint32,
    architectures: { type: 'array', items: { enum: Object.keys(SECCOMP_ARCHITECTURES) } },
    flags: { type: 'array', items: { enum: SECCOMP_FLAGS } },
    listenerPath: { type: 'string' },
    listenerMetadata: { type: 'string' },
    syscalls: {
      type: 'array',
      items: {
        type: 'object',
        required: ['names', 'action'],
        properties: {
          names: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
          action: { enum: SECCOMP_ACTIONS },
          errnoRet: uint32,
          args: {
            type: 'array',
            items: {
              type: 'object',
              required: ['index', 'value', 'op'],
              properties: {
                index: uint32,
                value: uint64,
                valueTwo: uint64,
                op: { enum: ['SCMP_CMP_NE', 'SCMP_CMP_LT', 'SCMP_CMP_LE', 'SCMP_CMP_EQ', 'SCMP_CMP_GE', 'SCMP_CMP_GT', 'SCMP_CMP_MASKED_EQ'] },
              },
            },
          },
        },
      },
    },
  },
} as const;
