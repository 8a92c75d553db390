//! The v1 compressor: LZ77 over a preset dictionary, coded with an adaptive binary range coder.
//!
//! # Why not deflate or lz-string
//!
//! Share links carry a few kilobytes of AWS JSON. Deflate spends 50–100 bytes on Huffman tables
//! per block and knows nothing of AWS; lz-string's LZW learns each key the hard way. This coder
//! (the LZMA scheme, cut down to what short texts need) has no tables to send: every decision is
//! a bit coded with an adaptive probability, and both sides start from the same state, primed
//! with [`super::dictionary::DICTIONARY`]: the dictionary sits in the window before the text (so
//! `"InstanceProfileName":"` is one short match from the first byte on) and its bytes have
//! already trained the literal model.
//!
//! # Stream
//!
//! `varint(length)` `u16 check (little endian)` then the range coder's bytes, less its first byte
//! (always zero) and less up to four trailing zero bytes (the decoder reads zeros past the end,
//! at most four). The check is a 16-bit hash of the decompressed bytes.
//!
//! Symbols: `is_match[state]` then either a literal (8-bit tree, context: the previous byte), or
//! `is_rep[state]` then a match at the last distance, or a new match: length (LZMA's length coder:
//! 2 … 273), distance slot (6-bit tree per length class), and the slot's footer bits.
//!
//! # Limits
//!
//! Decoding never allocates more than the declared length, which is checked against the caller's
//! cap before anything else, and does work linear in that length: a hostile fragment costs at
//! most the cap. Every malformed stream gives a [`CodecError`], never a panic.

const PROB_BITS: u32 = 11;
const PROB_ONE: u16 = 1 << PROB_BITS;
const PROB_INIT: u16 = PROB_ONE / 2;
/// Adaptation speed: 4 learns faster than LZMA's 5, which pays on inputs of a few kilobytes.
const MOVE_BITS: u32 = 4;
const TOP: u32 = 1 << 24;

const MIN_MATCH: usize = 2;
const LEN_LOW_BITS: u32 = 3;
const LEN_MID_BITS: u32 = 3;
const LEN_HIGH_BITS: u32 = 8;
const LEN_LOW: usize = 1 << LEN_LOW_BITS;
const LEN_MID: usize = 1 << LEN_MID_BITS;
const MAX_MATCH: usize = MIN_MATCH + LEN_LOW + LEN_MID + (1 << LEN_HIGH_BITS) - 1;

const SLOT_BITS: u32 = 6;
const LEN_STATES: usize = 4;
/// Slots below this code their footer bits with adaptive probabilities.
const END_ADAPTIVE_SLOT: usize = 14;
const ALIGN_BITS: u32 = 4;
const STATES: usize = 4;
/// The length coder's contexts: lengths of new matches and of repeats differ.
const MATCH_LENGTHS: usize = 0;
const REP_LENGTHS: usize = 1;
/// Trailing zero bytes the encoder may drop and the decoder reads as zeros.
const MAX_VIRTUAL_BYTES: usize = 4;

/// Candidates a match search looks at: bounds the encoder's time per byte.
const CHAIN_DEPTH: usize = 96;
const HASH_BITS: u32 = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodecError {
    /// The declared size is above the cap.
    TooLarge { declared: u64, cap: usize },
    /// The stream ended before the declared size was reached.
    Truncated,
    /// The stream is not one this coder writes (bad distance or length, extra bytes, bad check).
    Corrupt,
}

/// The adaptive model: every probability both sides keep.
struct Model {
    is_match: [u16; STATES],
    is_rep: [u16; STATES],
    /// 256 contexts (previous byte) × 256 tree nodes.
    literal: Vec<u16>,
    len_choice: u16,
    len_choice2: u16,
    len_low: [[u16; LEN_LOW]; LEN_STATES],
    len_mid: [[u16; LEN_MID]; LEN_STATES],
    len_high: Vec<u16>,
    slot: [[u16; 1 << SLOT_BITS]; LEN_STATES],
    /// Footer bits of slots 4 … 13, indexed like LZMA's `SpecPos`.
    footer: [u16; 128],
    align: [u16; 1 << ALIGN_BITS],
}

impl Model {
    fn new(dictionary: &[u8]) -> Model {
        let mut model = Model {
            is_match: [PROB_INIT; STATES],
            is_rep: [PROB_INIT; STATES],
            literal: vec![PROB_INIT; 256 * 256],
            len_choice: PROB_INIT,
            len_choice2: PROB_INIT,
            len_low: [[PROB_INIT; LEN_LOW]; LEN_STATES],
            len_mid: [[PROB_INIT; LEN_MID]; LEN_STATES],
            len_high: vec![PROB_INIT; 1 << LEN_HIGH_BITS],
            slot: [[PROB_INIT; 1 << SLOT_BITS]; LEN_STATES],
            footer: [PROB_INIT; 128],
            align: [PROB_INIT; 1 << ALIGN_BITS],
        };
        // Train the literal model on the dictionary, exactly as coding it would.
        let mut previous = 0u8;
        for &byte in dictionary {
            let base = usize::from(previous) * 256;
            let mut node = 1usize;
            for shift in (0..8).rev() {
                let bit = u32::from(byte >> shift) & 1;
                if let Some(prob) = model.literal.get_mut(base + node) {
                    update(prob, bit);
                }
                node = (node << 1) | bit as usize;
            }
            previous = byte;
        }
        model
    }
}

fn update(prob: &mut u16, bit: u32) {
    if bit == 0 {
        *prob += (PROB_ONE - *prob) >> MOVE_BITS;
    } else {
        *prob -= *prob >> MOVE_BITS;
    }
}

fn len_state(len: usize) -> usize {
    (len - MIN_MATCH).min(LEN_STATES - 1)
}

fn slot_of(distance: u32) -> u32 {
    // `distance` is 0-based (1 back = 0).
    if distance < 4 {
        distance
    } else {
        let top = 31 - distance.leading_zeros();
        (top << 1) | ((distance >> (top - 1)) & 1)
    }
}

fn next_state(state: usize, was_match: bool) -> usize {
    ((state << 1) | usize::from(was_match)) & (STATES - 1)
}

// ---------------------------------------------------------------------------------------------
// Encoder

struct RangeEncoder {
    low: u64,
    range: u32,
    cache: u8,
    cache_size: u64,
    out: Vec<u8>,
}

impl RangeEncoder {
    fn new() -> RangeEncoder {
        RangeEncoder {
            low: 0,
            range: u32::MAX,
            cache: 0,
            cache_size: 1,
            out: Vec::new(),
        }
    }

    fn shift_low(&mut self) {
        if self.low < 0xFF00_0000 || self.low >= 1 << 32 {
            let carry = (self.low >> 32) as u8;
            let mut byte = self.cache;
            loop {
                self.out.push(byte.wrapping_add(carry));
                byte = 0xFF;
                self.cache_size -= 1;
                if self.cache_size == 0 {
                    break;
                }
            }
            self.cache = ((self.low >> 24) & 0xFF) as u8;
        }
        self.cache_size += 1;
        self.low = (self.low & 0x00FF_FFFF) << 8;
    }

    fn bit(&mut self, prob: &mut u16, bit: u32) {
        let bound = (self.range >> PROB_BITS) * u32::from(*prob);
        if bit == 0 {
            self.range = bound;
        } else {
            self.low += u64::from(bound);
            self.range -= bound;
        }
        update(prob, bit);
        while self.range < TOP {
            self.range <<= 8;
            self.shift_low();
        }
    }

    fn direct(&mut self, value: u32, count: u32) {
        for shift in (0..count).rev() {
            self.range >>= 1;
            if (value >> shift) & 1 == 1 {
                self.low += u64::from(self.range);
            }
            while self.range < TOP {
                self.range <<= 8;
                self.shift_low();
            }
        }
    }

    fn tree(&mut self, probs: &mut [u16], bits: u32, value: u32) {
        let mut node = 1usize;
        for shift in (0..bits).rev() {
            let bit = (value >> shift) & 1;
            if let Some(prob) = probs.get_mut(node) {
                self.bit(prob, bit);
            }
            node = (node << 1) | bit as usize;
        }
    }

    fn reverse_tree(&mut self, probs: &mut [u16], bits: u32, value: u32) {
        let mut node = 1usize;
        for shift in 0..bits {
            let bit = (value >> shift) & 1;
            if let Some(prob) = probs.get_mut(node) {
                self.bit(prob, bit);
            }
            node = (node << 1) | bit as usize;
        }
    }

    /// Ends the stream with the value of most trailing zero bits in the final interval, so the
    /// trailing zero bytes can be dropped.
    fn finish(mut self) -> Vec<u8> {
        let high = self.low + u64::from(self.range) - 1;
        for zeros in (0..=32u32).rev() {
            let mask = (1u64 << zeros) - 1;
            let candidate = (self.low + mask) & !mask;
            if candidate <= high {
                self.low = candidate;
                break;
            }
        }
        for _ in 0..5 {
            self.shift_low();
        }
        let mut out = self.out;
        // The first byte is always the initial zero cache.
        if !out.is_empty() {
            out.remove(0);
        }
        let mut dropped = 0;
        while dropped < MAX_VIRTUAL_BYTES && out.last() == Some(&0) {
            out.pop();
            dropped += 1;
        }
        out
    }
}

struct Encoder {
    rc: RangeEncoder,
    model: Model,
    state: usize,
    rep: u32,
}

impl Encoder {
    fn literal(&mut self, previous: u8, byte: u8) {
        let state = self.state;
        self.rc.bit(&mut self.model.is_match[state], 0);
        let base = usize::from(previous) * 256;
        if let Some(probs) = self.model.literal.get_mut(base..base + 256) {
            self.rc.tree(probs, 8, u32::from(byte));
        }
        self.state = next_state(state, false);
    }

    fn length(&mut self, len: usize, kind: usize) {
        let len_state = kind;
        let value = len - MIN_MATCH;
        let model = &mut self.model;
        if value < LEN_LOW {
            self.rc.bit(&mut model.len_choice, 0);
            self.rc
                .tree(&mut model.len_low[len_state], LEN_LOW_BITS, value as u32);
        } else if value < LEN_LOW + LEN_MID {
            self.rc.bit(&mut model.len_choice, 1);
            self.rc.bit(&mut model.len_choice2, 0);
            self.rc.tree(
                &mut model.len_mid[len_state],
                LEN_MID_BITS,
                (value - LEN_LOW) as u32,
            );
        } else {
            self.rc.bit(&mut model.len_choice, 1);
            self.rc.bit(&mut model.len_choice2, 1);
            self.rc.tree(
                &mut model.len_high,
                LEN_HIGH_BITS,
                (value - LEN_LOW - LEN_MID) as u32,
            );
        }
    }

    fn matched(&mut self, distance: u32, len: usize) {
        let state = self.state;
        self.rc.bit(&mut self.model.is_match[state], 1);
        if distance == self.rep {
            self.rc.bit(&mut self.model.is_rep[state], 1);
            self.length(len, REP_LENGTHS);
        } else {
            self.rc.bit(&mut self.model.is_rep[state], 0);
            self.length(len, MATCH_LENGTHS);
            let slot = slot_of(distance);
            self.rc
                .tree(&mut self.model.slot[len_state(len)], SLOT_BITS, slot);
            if slot >= 4 {
                let footer_bits = (slot >> 1) - 1;
                let base = (2 | (slot & 1)) << footer_bits;
                let footer = distance - base;
                if (slot as usize) < END_ADAPTIVE_SLOT {
                    let offset = (base - slot) as usize;
                    if let Some(probs) = self.model.footer.get_mut(offset..) {
                        self.rc.reverse_tree(probs, footer_bits, footer);
                    }
                } else {
                    self.rc
                        .direct(footer >> ALIGN_BITS, footer_bits - ALIGN_BITS);
                    self.rc.reverse_tree(
                        &mut self.model.align,
                        ALIGN_BITS,
                        footer & ((1 << ALIGN_BITS) - 1),
                    );
                }
            }
            self.rep = distance;
        }
        self.state = next_state(state, true);
    }
}

fn hash3(window: &[u8], at: usize) -> usize {
    match window.get(at..at + 3) {
        Some(&[a, b, c]) => {
            let value = u32::from(a) | u32::from(b) << 8 | u32::from(c) << 16;
            (value.wrapping_mul(2_654_435_761) >> (32 - HASH_BITS)) as usize
        }
        _ => 0,
    }
}

fn common_length(window: &[u8], a: usize, b: usize, limit: usize) -> usize {
    let mut len = 0;
    while len < limit {
        match (window.get(a + len), window.get(b + len)) {
            (Some(x), Some(y)) if x == y => len += 1,
            _ => break,
        }
    }
    len
}

/// Hash chains over the window (dictionary then text): the encoder's match finder.
struct MatchFinder {
    head: Vec<u32>,
    chain: Vec<u32>,
}

const NONE: u32 = u32::MAX;

impl MatchFinder {
    fn new(window_len: usize) -> MatchFinder {
        MatchFinder {
            head: vec![NONE; 1 << HASH_BITS],
            chain: vec![NONE; window_len],
        }
    }

    fn insert(&mut self, window: &[u8], at: usize) {
        if at + 3 > window.len() {
            return;
        }
        let hash = hash3(window, at);
        if let (Some(head), Some(link)) = (self.head.get_mut(hash), self.chain.get_mut(at)) {
            *link = *head;
            *head = at as u32;
        }
    }

    /// The longest match for `at` (length, 0-based distance), preferring the nearer on ties.
    fn longest(&self, window: &[u8], at: usize) -> (usize, u32) {
        let limit = MAX_MATCH.min(window.len() - at);
        if limit < MIN_MATCH + 1 {
            return (0, 0);
        }
        let mut best = (0usize, 0u32);
        let mut candidate = self.head.get(hash3(window, at)).copied().unwrap_or(NONE);
        let mut steps = 0;
        while candidate != NONE && steps < CHAIN_DEPTH {
            let position = candidate as usize;
            if position >= at {
                break;
            }
            let len = common_length(window, position, at, limit);
            if len > best.0 {
                best = (len, (at - position - 1) as u32);
                if len == limit {
                    break;
                }
            }
            candidate = self.chain.get(position).copied().unwrap_or(NONE);
            steps += 1;
        }
        best
    }
}

/// The match to code at `at`: a repeat of the last distance when it is about as long as the
/// best new match (it costs far fewer bits), else the best new match if it pays for itself.
fn choose_match(finder: &MatchFinder, window: &[u8], at: usize, rep: u32) -> (usize, u32) {
    let limit = MAX_MATCH.min(window.len() - at);
    let rep_len = (rep as usize)
        .checked_add(1)
        .filter(|back| *back <= at)
        .map_or(0, |back| common_length(window, at - back, at, limit));
    let (len, distance) = finder.longest(window, at);
    if rep_len >= MIN_MATCH && rep_len * 8 + distance_price(distance) >= len * 8 {
        return (rep_len, rep);
    }
    if len <= MIN_MATCH || (len == 3 && distance >= 1 << 14) {
        return (0, 0);
    }
    (len, distance)
}

/// A rough price in bits of a new match at `distance`, used to choose between candidates.
fn distance_price(distance: u32) -> usize {
    10 + 2 * (32 - distance.leading_zeros() as usize)
}

fn checksum(bytes: &[u8]) -> u16 {
    let mut hash: u32 = 0x811C_9DC5;
    for &byte in bytes {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    ((hash >> 16) ^ (hash & 0xFFFF)) as u16
}

pub fn write_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7F) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads a varint at `*at`, moving `*at` past it. `None` when cut short or over 64 bits.
pub fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7F).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// Compresses `text` against `dictionary`.
pub fn compress(text: &[u8], dictionary: &[u8]) -> Vec<u8> {
    let mut window = Vec::with_capacity(dictionary.len() + text.len());
    window.extend_from_slice(dictionary);
    window.extend_from_slice(text);
    let mut finder = MatchFinder::new(window.len());
    for at in 0..dictionary.len() {
        finder.insert(&window, at);
    }
    let mut encoder = Encoder {
        rc: RangeEncoder::new(),
        model: Model::new(dictionary),
        state: 0,
        rep: 0,
    };
    let mut at = dictionary.len();
    // Every position below `inserted` is in the match finder; `at` itself never is when searched.
    let mut inserted = 0;
    while at < window.len() {
        while inserted < at {
            finder.insert(&window, inserted);
            inserted += 1;
        }
        let (len, distance) = choose_match(&finder, &window, at, encoder.rep);
        let mut take_match = len >= MIN_MATCH;
        // Lazy matching: a clearly longer match one byte later is worth a literal now.
        if take_match && len < 32 && distance != encoder.rep {
            finder.insert(&window, at);
            inserted = at + 1;
            let (next_len, _) = finder.longest(&window, at + 1);
            take_match = next_len <= len + 1;
        }
        if take_match {
            encoder.matched(distance, len);
            at += len;
        } else {
            let previous = at
                .checked_sub(1)
                .and_then(|p| window.get(p))
                .copied()
                .unwrap_or(0);
            encoder.literal(previous, window.get(at).copied().unwrap_or(0));
            at += 1;
        }
    }
    let mut out = Vec::new();
    write_varint(&mut out, text.len() as u64);
    out.extend_from_slice(&checksum(text).to_le_bytes());
    out.extend(encoder.rc.finish());
    out
}

// ---------------------------------------------------------------------------------------------
// Decoder

struct RangeDecoder<'a> {
    input: &'a [u8],
    at: usize,
    range: u32,
    code: u32,
}

impl<'a> RangeDecoder<'a> {
    fn new(input: &'a [u8]) -> Result<RangeDecoder<'a>, CodecError> {
        let mut decoder = RangeDecoder {
            input,
            at: 0,
            range: u32::MAX,
            code: 0,
        };
        for _ in 0..4 {
            decoder.code = (decoder.code << 8) | u32::from(decoder.byte()?);
        }
        Ok(decoder)
    }

    fn byte(&mut self) -> Result<u8, CodecError> {
        let byte = self.input.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        if self.at > self.input.len() + MAX_VIRTUAL_BYTES {
            return Err(CodecError::Truncated);
        }
        Ok(byte)
    }

    fn normalize(&mut self) -> Result<(), CodecError> {
        while self.range < TOP {
            self.range <<= 8;
            self.code = (self.code << 8) | u32::from(self.byte()?);
        }
        Ok(())
    }

    fn bit(&mut self, prob: &mut u16) -> Result<u32, CodecError> {
        let bound = (self.range >> PROB_BITS) * u32::from(*prob);
        let bit = if self.code < bound {
            self.range = bound;
            0
        } else {
            self.code -= bound;
            self.range -= bound;
            1
        };
        update(prob, bit);
        self.normalize()?;
        Ok(bit)
    }

    fn direct(&mut self, count: u32) -> Result<u32, CodecError> {
        let mut value = 0;
        for _ in 0..count {
            self.range >>= 1;
            let bit = u32::from(self.code >= self.range);
            if bit == 1 {
                self.code -= self.range;
            }
            value = (value << 1) | bit;
            self.normalize()?;
        }
        Ok(value)
    }

    fn tree(&mut self, probs: &mut [u16], bits: u32) -> Result<u32, CodecError> {
        let mut node = 1usize;
        for _ in 0..bits {
            let prob = probs.get_mut(node).ok_or(CodecError::Corrupt)?;
            node = (node << 1) | self.bit(prob)? as usize;
        }
        Ok((node - (1 << bits)) as u32)
    }

    fn reverse_tree(&mut self, probs: &mut [u16], bits: u32) -> Result<u32, CodecError> {
        let mut node = 1usize;
        let mut value = 0;
        for shift in 0..bits {
            let prob = probs.get_mut(node).ok_or(CodecError::Corrupt)?;
            let bit = self.bit(prob)?;
            node = (node << 1) | bit as usize;
            value |= bit << shift;
        }
        Ok(value)
    }
}

fn decode_length(
    rc: &mut RangeDecoder,
    model: &mut Model,
    len_state: usize,
) -> Result<usize, CodecError> {
    let value = if rc.bit(&mut model.len_choice)? == 0 {
        rc.tree(&mut model.len_low[len_state], LEN_LOW_BITS)? as usize
    } else if rc.bit(&mut model.len_choice2)? == 0 {
        LEN_LOW + rc.tree(&mut model.len_mid[len_state], LEN_MID_BITS)? as usize
    } else {
        LEN_LOW + LEN_MID + rc.tree(&mut model.len_high, LEN_HIGH_BITS)? as usize
    };
    Ok(MIN_MATCH + value)
}

/// Decompresses a stream written by [`compress`] with the same dictionary. Fails, without
/// allocating, when the declared size is above `cap`.
pub fn decompress(stream: &[u8], dictionary: &[u8], cap: usize) -> Result<Vec<u8>, CodecError> {
    let mut at = 0;
    let declared = read_varint(stream, &mut at).ok_or(CodecError::Truncated)?;
    if declared > cap as u64 {
        return Err(CodecError::TooLarge { declared, cap });
    }
    let declared = declared as usize;
    let check = match stream.get(at..at + 2) {
        Some(&[low, high]) => u16::from_le_bytes([low, high]),
        _ => return Err(CodecError::Truncated),
    };
    let body = stream.get(at + 2..).unwrap_or_default();
    let mut window = Vec::with_capacity(dictionary.len() + declared);
    window.extend_from_slice(dictionary);
    let end = dictionary.len() + declared;
    let mut model = Model::new(dictionary);
    let mut rc = RangeDecoder::new(body)?;
    let mut state = 0usize;
    let mut rep = 0u32;
    while window.len() < end {
        if rc.bit(&mut model.is_match[state])? == 0 {
            let previous = window.last().copied().unwrap_or(0);
            let base = usize::from(previous) * 256;
            let probs = model
                .literal
                .get_mut(base..base + 256)
                .ok_or(CodecError::Corrupt)?;
            window.push(rc.tree(probs, 8)? as u8);
            state = next_state(state, false);
            continue;
        }
        let len;
        if rc.bit(&mut model.is_rep[state])? == 1 {
            len = decode_length(&mut rc, &mut model, REP_LENGTHS)?;
        } else {
            len = decode_length(&mut rc, &mut model, MATCH_LENGTHS)?;
            let slot = rc.tree(&mut model.slot[len_state(len)], SLOT_BITS)?;
            rep = if slot < 4 {
                slot
            } else {
                let footer_bits = (slot >> 1) - 1;
                let base = (2 | (slot & 1)) << footer_bits;
                if (slot as usize) < END_ADAPTIVE_SLOT {
                    let offset = (base - slot) as usize;
                    let probs = model.footer.get_mut(offset..).ok_or(CodecError::Corrupt)?;
                    base + rc.reverse_tree(probs, footer_bits)?
                } else {
                    let high = rc.direct(footer_bits - ALIGN_BITS)?;
                    let low = rc.reverse_tree(&mut model.align, ALIGN_BITS)?;
                    base + (high << ALIGN_BITS) + low
                }
            };
        }
        let back = rep as usize + 1;
        if back > window.len() || len > end - window.len() {
            return Err(CodecError::Corrupt);
        }
        let from = window.len() - back;
        for offset in 0..len {
            let byte = window
                .get(from + offset)
                .copied()
                .ok_or(CodecError::Corrupt)?;
            window.push(byte);
        }
        state = next_state(state, true);
    }
    if rc.at < body.len() {
        return Err(CodecError::Corrupt);
    }
    let text = window.split_off(dictionary.len());
    if checksum(&text) != check {
        return Err(CodecError::Corrupt);
    }
    Ok(text)
}
