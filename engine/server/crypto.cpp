#include "server/crypto.h"

#include <sodium.h>

#include <algorithm>
#include <semaphore>
#include <thread>

namespace jiuzhu::server {
namespace {

// Interactive limits (2 passes over 64 MiB): about a tenth of a second per hash on one core.
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr std::size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

std::counting_semaphore<1024>& HashSlots() {
  static std::counting_semaphore<1024> slots(std::clamp<std::ptrdiff_t>(std::thread::hardware_concurrency(), 1, 1024));
  return slots;
}

// Holds one of the hash slots for its lifetime.
class Slot {
 public:
  Slot() { HashSlots().acquire(); }
  ~Slot() { HashSlots().release(); }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;
};

std::string Hex(const unsigned char* bytes, std::size_t n) {
  std::string hex(n * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, n);
  hex.pop_back();
  return hex;
}

}  // namespace

bool InitCrypto() { return sodium_init() >= 0; }

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return Hex(digest, sizeof digest);
}

std::string RandomHex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return Hex(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  Slot slot;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return "";
  return out;
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  Slot slot;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace jiuzhu::server
