// The server's cryptography, all from libsodium: SHA-256 (session ids are stored only as their hash; the audit
// chain), random tokens, constant-time comparison, and Argon2id password hashes. Hashing a password is slow on
// purpose; at most as many run at once as there are cores (a counting semaphore), so a burst of logins cannot
// take every core from the other requests for longer than that.
#pragma once

#include <string>
#include <string_view>

namespace jiuzhu::server {

// Initialises libsodium; call once before any other function here (safe to call again). false on failure.
bool InitCrypto();

std::string Sha256Hex(std::string_view data);
// `bytes` random bytes as lower-case hex.
std::string RandomHex(std::size_t bytes);
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// An Argon2id hash string ($argon2id$v=19$m=...,t=...,p=1$salt$hash) with a fresh salt. "" on failure (memory).
std::string HashPassword(std::string_view password);
bool VerifyPassword(const std::string& hash, std::string_view password);

}  // namespace jiuzhu::server
