#!/usr/bin/env python3
"""Captures for the SIP benchmark's callers (SIPp play_pcap_audio).

keys.pcap:       the keys 1, 1, 1, a 13-digit receipt number and 1 as RFC 4733 events (payload
                 type 101), each key with its own later timestamp, the end packet sent three times.
keys-audio.pcap: the same keys while the caller also streams 20 ms PCMU audio throughout.
keys-step1.pcap .. keys-step5.pcap: keys.pcap cut where the caller waits between keys (three
                 single 1s, the receipt number, the last 1), for callers that play each step
                 when it comes (KEYS=apart in sip-ivr.sh): SIPp holds a raw socket only while
                 a capture plays, and every UDP packet to its address is offered to each one.
The keys fall 5 s apart, as in the Asterisk measurement (five Read() rounds over 5 s prompts).
Usage: keys-pcap.py OUT_DIR SECONDS
"""
import math
import struct
import sys

out, seconds = sys.argv[1], float(sys.argv[2])
KEYS = "0123456789*#"
plan = [("1", 5000), ("1", 10000), ("1", 15000)]
plan += [(d, 20000 + 250 * i) for i, d in enumerate("3222590000101")]
plan += [("1", 25000)]


def rtp(pt, marker, seq, ts, ssrc, payload):
    return struct.pack("!BBHII", 0x80, (0x80 if marker else 0) | pt, seq & 0xFFFF, ts & 0xFFFFFFFF, ssrc) + payload


def events():
    packets, seq = [], 1000
    for key, at in plan:
        ev, ts = KEYS.index(key), 8 * at + 16000
        for i in range(1, 6):
            packets.append((at + 20 * (i - 1), rtp(101, i == 1, seq, ts, 0x43A5E1F0, struct.pack("!BBH", ev, 10, 160 * i))))
            seq += 1
        for i in range(3):
            packets.append((at + 100 + 5 * i, rtp(101, False, seq, ts, 0x43A5E1F0, struct.pack("!BBH", ev, 0x80 | 10, 800))))
        seq += 1
    return packets


def ulaw(sample):
    sign = 0x80 if sample < 0 else 0
    sample = min(abs(sample), 32635) + 0x84
    exponent = 7
    mask = 0x4000
    while not sample & mask and exponent > 0:
        exponent -= 1
        mask >>= 1
    return ~(sign | (exponent << 4) | ((sample >> (exponent + 3)) & 0x0F)) & 0xFF


def audio():
    # a caller talking: a 300 Hz tone modulated at syllable rate, 20 ms packets
    packets = []
    for frame in range(int(seconds * 50)):
        payload = bytes(ulaw(int(3000 * math.sin(2 * math.pi * 300 * n / 8000) * (0.6 + 0.4 * math.sin(2 * math.pi * 4 * n / 8000))))
                        for n in range(frame * 160, frame * 160 + 160))
        packets.append((frame * 20, rtp(0, frame == 0, 500 + frame, 160 * frame, 0x1C2B3A40, payload)))
    return packets


def write(path, packets):
    packets.sort(key=lambda p: p[0])
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, (ms, data) in enumerate(packets):
            udp = struct.pack("!HHHH", 6000, 6002, 8 + len(data), 0) + data
            ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), i & 0xFFFF, 0, 64, 17, 0, bytes([127, 0, 0, 1]), bytes([127, 0, 0, 1]))
            frame = bytes(12) + b"\x08\x00" + ip + udp
            f.write(struct.pack("<IIII", 1700000000 + ms // 1000, (ms % 1000) * 1000, len(frame), len(frame)))
            f.write(frame)


write(f"{out}/keys.pcap", events())
# each step from its key's time to the next step's: timestamps and sequence numbers run on across files
steps = [0, 7500, 12500, 17500, 24000, float("inf")]
for n in range(1, len(steps)):
    write(f"{out}/keys-step{n}.pcap", [p for p in events() if steps[n - 1] <= p[0] < steps[n]])
write(f"{out}/keys-audio.pcap", events() + audio())
