// Masking, scoping, the audit chain and session lifetimes (with a clock the test moves).
#include <catch2/catch.hpp>

#include <filesystem>

#include "registry/database.h"
#include "registry/schema.h"
#include "server/audit_log.h"
#include "server/crypto.h"
#include "server/handlers.h"
#include "server/scope.h"
#include "server/sessions.h"
#include "server/users.h"

using namespace jiuzhu::server;
using jiuzhu::registry::Database;

namespace {

// A fresh registry file in the temporary folder, removed at the end.
struct TempRegistry {
  std::string path;
  std::unique_ptr<Database> db;
  TempRegistry() {
    path = (std::filesystem::temp_directory_path() / ("jiuzhu-server-test-" + RandomHex(6) + ".sqlite")).string();
    db = std::make_unique<Database>(path, true);
    jiuzhu::registry::EnsureSchema(*db);
  }
  ~TempRegistry() {
    db.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
};

User Caseworker() { return User{"cw", Role::kCaseworker, {"江阳-01", "泸县/03"}, {}, false, 1}; }
User Supervisor() { return User{"sv", Role::kSupervisor, {}, {"510500"}, false, 1}; }

}  // namespace

TEST_CASE("ID numbers are masked wherever they stand in a text", "[server][security]") {
  std::string text = R"({"member":"51052419520705960x","other":"510502198106025801","household":"H0000060","n":1234567890123456789})";
  MaskIdNumbersIn(text);
  CHECK(text == R"({"member":"510524********960X","other":"510502********5801","household":"H0000060","n":1234567890123456789})");
}

TEST_CASE("scope: grids for caseworkers, regions for supervisors, all for admins", "[server][security]") {
  CHECK(InScope(Caseworker(), "江阳-01", "510502"));
  CHECK_FALSE(InScope(Caseworker(), "江阳-02", "510502"));
  CHECK_FALSE(InScope(Caseworker(), "", "510502"));
  CHECK(InScope(Supervisor(), "any", "510502001"));
  CHECK_FALSE(InScope(Supervisor(), "any", "511002"));
  CHECK(InScope(User{"a", Role::kAdmin, {}, {}, false, 1}, "", ""));
  CHECK(SignificantRegion("510500") == "5105");
  CHECK(SignificantRegion("510502") == "510502");

  TempRegistry reg;
  reg.db->Exec("CREATE TABLE t(grid TEXT, region TEXT)");
  reg.db->Exec("INSERT INTO t VALUES ('江阳-01','510502'), ('江阳-02','510502'), ('x','511002'), ('泸县/03','510521')");
  auto count = [&](const User& u) {
    ScopeSql s = ScopeCondition(u, "grid", "region");
    auto q = reg.db->Prepare("SELECT count(*) FROM t WHERE " + s.condition);
    std::vector<SqlValue> values(s.binds.begin(), s.binds.end());
    BindAll(q, values);
    q.Step();
    return q.Int(0);
  };
  CHECK(count(Caseworker()) == 2);
  CHECK(count(Supervisor()) == 3);
  CHECK(count(User{"n", Role::kCaseworker, {}, {}, false, 1}) == 0);
}

TEST_CASE("the audit chain verifies and a changed or removed entry breaks it", "[server][security]") {
  TempRegistry reg;
  for (int i = 0; i < 5; ++i) AppendAudit(*reg.db, {"cw", "127.0.0.1", "view", "H" + std::to_string(i), 200, ""}, "2025-07-01T00:00:00Z");
  AuditCheck ok = VerifyAudit(*reg.db);
  CHECK(ok.ok);
  CHECK(ok.entries == 5);
  // The table refuses changes; someone with the file can drop the trigger, and the chain shows it.
  CHECK_THROWS(reg.db->Exec("UPDATE audit_log SET target = 'H9' WHERE seq = 3"));
  reg.db->Exec("DROP TRIGGER audit_log_no_update");
  reg.db->Exec("UPDATE audit_log SET target = 'H9' WHERE seq = 3");
  AuditCheck broken = VerifyAudit(*reg.db);
  CHECK_FALSE(broken.ok);
  CHECK(broken.broken_at == 3);

  TempRegistry other;
  for (int i = 0; i < 3; ++i) AppendAudit(*other.db, {"cw", "127.0.0.1", "view", "H", 200, ""}, "2025-07-01T00:00:00Z");
  other.db->Exec("DROP TRIGGER audit_log_no_delete");
  other.db->Exec("DELETE FROM audit_log WHERE seq = 2");
  CHECK(VerifyAudit(*other.db).broken_at == 3);
}

TEST_CASE("sessions end idle, at 12 hours, at logout and when the user changes", "[server][security]") {
  REQUIRE(InitCrypto());
  TempRegistry reg;
  User u = Caseworker();
  REQUIRE(AddUser(*reg.db, u, "$argon2id$not-checked-here", "now"));
  SessionPolicy policy;
  int64_t t = 1'000'000;
  NewSession s = CreateSession(*reg.db, u, t);
  CHECK(s.id.size() == 64);
  // Only the hash of the id is stored.
  auto stored = reg.db->Prepare("SELECT count(*) FROM sessions WHERE id_hash = ?");
  stored.Bind(1, s.id);
  stored.Step();
  CHECK(stored.Int(0) == 0);
  stored.Reset();

  // Kept alive by use every 20 minutes, up to 12 hours.
  for (int i = 1; i * 20 * 60 < 12 * 3600; ++i) REQUIRE(FindSession(*reg.db, policy, s.id, t + i * 20 * 60));
  CHECK_FALSE(FindSession(*reg.db, policy, s.id, t + 12 * 3600));

  NewSession idle = CreateSession(*reg.db, u, t);
  CHECK(FindSession(*reg.db, policy, idle.id, t + 29 * 60));
  CHECK_FALSE(FindSession(*reg.db, policy, idle.id, t + 29 * 60 + 31 * 60));

  NewSession out = CreateSession(*reg.db, u, t);
  EndSession(*reg.db, out.id);
  CHECK_FALSE(FindSession(*reg.db, policy, out.id, t + 1));

  NewSession changed = CreateSession(*reg.db, u, t);
  REQUIRE(FindSession(*reg.db, policy, changed.id, t + 1)->csrf_token == changed.csrf_token);
  REQUIRE(DisableUser(*reg.db, u.name, "now"));
  CHECK_FALSE(FindSession(*reg.db, policy, changed.id, t + 2));
}

TEST_CASE("logins are throttled after 5 failures in 15 minutes, by user and by address", "[server][security]") {
  TempRegistry reg;
  const int64_t t = 5'000'000;
  for (int i = 0; i < 5; ++i) {
    CHECK_FALSE(LoginThrottled(*reg.db, "cw", "10.0.0.1", t + i));
    RecordLoginFailure(*reg.db, "cw", "10.0.0.1", t + i);
  }
  CHECK(LoginThrottled(*reg.db, "cw", "10.0.0.2", t + 10));     // the user
  CHECK(LoginThrottled(*reg.db, "other", "10.0.0.1", t + 10));  // the address
  CHECK_FALSE(LoginThrottled(*reg.db, "other", "10.0.0.2", t + 10));
  CHECK_FALSE(LoginThrottled(*reg.db, "cw", "10.0.0.1", t + 15 * 60 + 5));
}

TEST_CASE("passwords are stored as Argon2id hashes", "[server][security]") {
  REQUIRE(InitCrypto());
  std::string hash = HashPassword("correct horse");
  CHECK(hash.starts_with("$argon2id$"));
  CHECK(hash.find("correct horse") == std::string::npos);
  CHECK(VerifyPassword(hash, "correct horse"));
  CHECK_FALSE(VerifyPassword(hash, "correct horsE"));
  CHECK(HashPassword("correct horse") != hash);  // salted
}
