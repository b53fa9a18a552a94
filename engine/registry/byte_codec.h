// ByteWriter and ByteReader: the primitives of the registry's binary codecs (decisions, household facts).
// Varints are LEB128, signed ones zigzag; strings are a length and bytes; a Num is its numerator and denominator.
// The writer fills a string through a raw pointer (one capacity check per item, not per byte) because encoding
// runs once per household in a batch; the reader never reads past the end and reports corrupt bytes through ok().
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "jiuzhu/date.h"
#include "jiuzhu/num.h"

namespace jiuzhu::registry {

class ByteWriter {
 public:
  // Writes into `out` from its start; Finish() trims it to what was written.
  explicit ByteWriter(std::string& out) : out_(out) {
    out_.resize(out_.capacity() < 256 ? 256 : out_.capacity());
    p_ = out_.data();
    end_ = p_ + out_.size();
  }
  void Finish() { out_.resize(static_cast<size_t>(p_ - out_.data())); }
  // How many bytes are written; Rewind(n) drops what was written after the first n.
  size_t Written() const { return static_cast<size_t>(p_ - out_.data()); }
  void Rewind(size_t n) { p_ = out_.data() + n; }

  void Byte(uint8_t b) {
    Ensure(1);
    *p_++ = static_cast<char>(b);
  }
  void Bool(bool b) { Byte(b ? 1 : 0); }
  void Varint(uint64_t v) {
    Ensure(10);
    while (v >= 0x80) {
      *p_++ = static_cast<char>(v | 0x80);
      v >>= 7;
    }
    *p_++ = static_cast<char>(v);
  }
  void Signed(int64_t v) { Varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
  void String(std::string_view s) {
    Varint(s.size());
    Ensure(s.size());
    if (!s.empty()) std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  void Number(const Num& n) {
    Signed(n.num());
    Varint(static_cast<uint64_t>(n.den()));
  }
  void Day(Date d) { Signed(d.days()); }

 private:
  // The check is inlined at every item; growing (rare once the buffer is warm) is not.
  void Ensure(size_t n) {
    if (static_cast<size_t>(end_ - p_) < n) Grow(n);
  }
  [[gnu::noinline]] void Grow(size_t n) {
    size_t used = static_cast<size_t>(p_ - out_.data());
    out_.resize(2 * out_.size() + n);
    p_ = out_.data() + used;
    end_ = out_.data() + out_.size();
  }

  std::string& out_;
  char* p_;
  char* end_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : p_(bytes.data()), end_(bytes.data() + bytes.size()) {}
  bool ok() const { return ok_; }
  bool AtEnd() const { return p_ == end_; }
  size_t Left() const { return static_cast<size_t>(end_ - p_); }
  // A count of items that take a byte or more each: more than the bytes left is corrupt (read as 0, not ok), so
  // that a damaged count cannot make the reader allocate for it.
  uint64_t Count() {
    uint64_t n = Varint();
    return n <= Left() ? n : Fail();
  }

  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ >= end_) return Fail();
      uint8_t b = static_cast<uint8_t>(*p_++);
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    return Fail();
  }
  int64_t Signed() {
    uint64_t v = Varint();
    return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
  }
  uint8_t Byte() {
    if (p_ >= end_) return static_cast<uint8_t>(Fail());
    return static_cast<uint8_t>(*p_++);
  }
  bool Bool() { return Byte() != 0; }
  std::string_view String() {
    uint64_t n = Varint();
    if (n > static_cast<uint64_t>(end_ - p_)) {
      Fail();
      return {};
    }
    std::string_view s(p_, n);
    p_ += n;
    return s;
  }
  Num Number() {
    int64_t num = Signed();
    int64_t den = static_cast<int64_t>(Varint());
    return den == 1 ? Num::Int(num) : Num::Ratio(num, den);  // a whole number (most are) needs no reducing
  }
  Date Day() { return Date::FromDays(static_cast<int32_t>(Signed())); }

 private:
  uint64_t Fail() {
    ok_ = false;
    p_ = end_;
    return 0;
  }

  const char* p_;
  const char* end_;
  bool ok_ = true;
};

}  // namespace jiuzhu::registry
