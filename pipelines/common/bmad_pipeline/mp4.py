"""A tiny H.264-in-MP4 writer in plain Python, for the stand-in model layer's test pattern: every
macroblock is I_PCM (raw samples inside a valid Baseline bitstream), so no encoder is needed and any
player or ffprobe reads the file. Files are large (1.5 bytes a pixel a frame): test patterns only.
Real model layers encode with ffmpeg (models_common/video.py).
"""

import re
import struct


class _Bits(object):
    def __init__(self):
        self.bits = []

    def u(self, n, value):
        self.bits.extend((value >> (n - 1 - i)) & 1 for i in range(n))

    def ue(self, value):
        code = value + 1
        self.u(2 * code.bit_length() - 1, code)

    def se(self, value):
        self.ue(2 * value - 1 if value > 0 else -2 * value)

    def align(self, stop_bit):
        if stop_bit:
            self.bits.append(1)
        while len(self.bits) % 8:
            self.bits.append(0)

    def tobytes(self):
        return bytes(int("".join(map(str, self.bits[i:i + 8])), 2) for i in range(0, len(self.bits), 8))


_EMULATION = re.compile(b"\x00\x00(?=[\x00-\x03])")


def _nal(header, rbsp):
    return bytes([header]) + _EMULATION.sub(b"\x00\x00\x03", rbsp)


def _level(mbs):
    for limit, level in ((1620, 30), (3600, 31), (8192, 40), (22080, 50)):
        if mbs <= limit:
            return level
    return 51


class H264PcmWriter(object):
    """Frames in as YUV 4:2:0 planes at the padded size (multiples of 16), out as an MP4 file."""

    def __init__(self, path, width, height, fps):
        if width % 2 or height % 2:
            raise ValueError("%dx%d: 4:2:0 video needs even sides" % (width, height))
        self.width, self.height = width, height
        self.padded = ((width + 15) // 16 * 16, (height + 15) // 16 * 16)
        self.timescale = int(round(fps * 1000))
        self.sizes = []
        self.file = open(path, "wb")
        self.file.write(_box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2avc1mp41"))
        self.mdat_at = self.file.tell()
        self.file.write(struct.pack(">I4s", 0, b"mdat"))
        self.level = _level((self.padded[0] // 16) * (self.padded[1] // 16))
        self.sps, self.pps = self._sps(), self._pps()

    def _sps(self):
        b = _Bits()
        b.u(8, 66), b.u(8, 0), b.u(8, self.level), b.ue(0)
        b.ue(0)  # log2_max_frame_num_minus4
        b.ue(2)  # pic_order_cnt_type 2: output order is decode order
        b.ue(1), b.u(1, 0)
        b.ue(self.padded[0] // 16 - 1), b.ue(self.padded[1] // 16 - 1)
        b.u(1, 1), b.u(1, 1)  # frame_mbs_only, direct_8x8_inference
        crop = (self.padded[0] - self.width) // 2, (self.padded[1] - self.height) // 2
        b.u(1, 1 if any(crop) else 0)
        if any(crop):
            b.ue(0), b.ue(crop[0]), b.ue(0), b.ue(crop[1])
        b.u(1, 0)  # no VUI: timing lives in the MP4
        b.align(True)
        return _nal(0x67, b.tobytes())

    def _pps(self):
        b = _Bits()
        b.ue(0), b.ue(0), b.u(1, 0), b.u(1, 0), b.ue(0), b.ue(0), b.ue(0), b.u(1, 0), b.u(2, 0)
        b.se(0), b.se(0), b.se(0), b.u(1, 0), b.u(1, 0), b.u(1, 0)
        b.align(True)
        return _nal(0x68, b.tobytes())

    def add_frame(self, y, u, v):
        """y: padded width*height bytes; u, v: a quarter of that each (4:2:0)."""
        pw, ph = self.padded
        b = _Bits()
        b.ue(0), b.ue(7), b.ue(0), b.u(4, 0), b.ue(len(self.sizes) % 2)  # first_mb, I slice, pps, frame_num, idr_pic_id
        b.u(1, 0), b.u(1, 0), b.se(0)  # dec_ref_pic_marking, slice_qp_delta
        b.ue(25)  # mb_type I_PCM, then byte-aligned samples
        b.align(False)
        parts = [b.tobytes()]
        cw = pw // 2
        for my in range(ph // 16):
            for mx in range(pw // 16):
                if my or mx:
                    parts.append(b"\x0d\x00")  # ue(25) = 000011010, then 7 alignment zero bits
                x, cx = mx * 16, mx * 8
                parts.extend(y[(my * 16 + r) * pw + x:(my * 16 + r) * pw + x + 16] for r in range(16))
                parts.extend(u[(my * 8 + r) * cw + cx:(my * 8 + r) * cw + cx + 8] for r in range(8))
                parts.extend(v[(my * 8 + r) * cw + cx:(my * 8 + r) * cw + cx + 8] for r in range(8))
        parts.append(b"\x80")  # rbsp_slice_trailing_bits
        nal = _nal(0x65, b"".join(parts))
        self.file.write(struct.pack(">I", len(nal)) + nal)
        self.sizes.append(len(nal) + 4)

    def close(self):
        end = self.file.tell()
        if end > 0xFFFFFFFF:
            raise ValueError("stand-in MP4 over 4 GB: use a smaller format")
        self.file.seek(self.mdat_at)
        self.file.write(struct.pack(">I", end - self.mdat_at))
        self.file.seek(end)
        self.file.write(self._moov(self.mdat_at + 8))
        self.file.close()

    def _moov(self, chunk_offset):
        n = len(self.sizes)
        ms = n * 1000 * 1000 // self.timescale
        matrix = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
        mvhd = _full(b"mvhd", 0, struct.pack(">IIII", 0, 0, 1000, ms) + struct.pack(">IH10x", 0x10000, 0x100)
                     + matrix + b"\0" * 24 + struct.pack(">I", 2))
        tkhd = _full(b"tkhd", 3, struct.pack(">IIIII", 0, 0, 1, 0, ms) + b"\0" * 8 + struct.pack(">hhH2x", 0, 0, 0)
                     + matrix + struct.pack(">II", self.width << 16, self.height << 16))
        mdhd = _full(b"mdhd", 0, struct.pack(">IIIIHH", 0, 0, self.timescale, n * 1000, 0x55C4, 0))
        hdlr = _full(b"hdlr", 0, struct.pack(">I4s12x", 0, b"vide") + b"VideoHandler\0")
        avcc = _box(b"avcC", struct.pack(">BBBBBB", 1, 66, 0, self.level, 0xFF, 0xE1)
                    + struct.pack(">H", len(self.sps)) + self.sps + struct.pack(">BH", 1, len(self.pps)) + self.pps)
        avc1 = _box(b"avc1", b"\0" * 6 + struct.pack(">H", 1) + b"\0" * 16
                    + struct.pack(">HHIIIH", self.width, self.height, 0x480000, 0x480000, 0, 1)
                    + b"\0" * 32 + struct.pack(">Hh", 0x18, -1) + avcc)
        stbl = _box(b"stbl", _full(b"stsd", 0, struct.pack(">I", 1) + avc1)
                    + _full(b"stts", 0, struct.pack(">III", 1, n, 1000))
                    + _full(b"stsc", 0, struct.pack(">IIII", 1, 1, n, 1))
                    + _full(b"stsz", 0, struct.pack(">II", 0, n) + b"".join(struct.pack(">I", s) for s in self.sizes))
                    + _full(b"stco", 0, struct.pack(">II", 1, chunk_offset)))
        dinf = _box(b"dinf", _full(b"dref", 0, struct.pack(">I", 1) + _full(b"url ", 1, b"")))
        minf = _box(b"minf", _full(b"vmhd", 1, b"\0" * 8) + dinf + stbl)
        trak = _box(b"trak", tkhd + _box(b"mdia", mdhd + hdlr + minf))
        return _box(b"moov", mvhd + trak)


def _box(kind, payload):
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def _full(kind, flags, payload):
    return _box(kind, struct.pack(">I", flags) + payload)
