//! What a release binary is, read from its ELF header and program headers: the machine it runs
//! on, and whether it is statically linked (no `PT_INTERP`: no dynamic loader is asked for, so
//! it runs on any Linux of its architecture, whatever its C library).

/// The machine of an ELF file (`e_machine`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Machine {
    X86_64,
    Aarch64,
    Other(u16),
}

/// What the header says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Elf {
    pub machine: Machine,
    /// No program header asks for an interpreter (`PT_INTERP`).
    pub is_static: bool,
}

const PT_INTERP: u32 = 3;

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

/// Reads a 64-bit little-endian ELF file; `None` for anything else.
pub fn read(bytes: &[u8]) -> Option<Elf> {
    if bytes.get(..4) != Some(b"\x7fELF") || bytes.get(4) != Some(&2) || bytes.get(5) != Some(&1) {
        return None;
    }
    let machine = match u16_at(bytes, 18)? {
        0x3E => Machine::X86_64,
        0xB7 => Machine::Aarch64,
        other => Machine::Other(other),
    };
    let program_headers = usize::try_from(u64_at(bytes, 32)?).ok()?;
    let entry_size = usize::from(u16_at(bytes, 54)?);
    let count = usize::from(u16_at(bytes, 56)?);
    let mut is_static = true;
    for index in 0..count {
        let at = program_headers.checked_add(index.checked_mul(entry_size)?)?;
        if u32_at(bytes, at)? == PT_INTERP {
            is_static = false;
        }
    }
    Some(Elf { machine, is_static })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_running_test_binary() {
        let me = std::env::current_exe()
            .and_then(std::fs::read)
            .unwrap_or_default();
        let elf = read(&me);
        if cfg!(all(target_os = "linux", target_arch = "x86_64")) {
            assert_eq!(elf.map(|e| e.machine), Some(Machine::X86_64));
        }
        assert_eq!(read(b"#!/bin/sh\n"), None);
    }
}
