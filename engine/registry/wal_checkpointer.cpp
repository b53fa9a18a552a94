#include "registry/wal_checkpointer.h"

namespace jiuzhu::registry {

namespace {
constexpr int kAutoCheckpointPages = 1000;  // SQLite's default, given back to the writer at the end
}  // namespace

WalCheckpointer::WalCheckpointer(Database& writer) : writer_(writer), own_(std::make_unique<Database>(writer.path(), false)) {
  own_->Exec("PRAGMA cache_size=-1024");  // a checkpoint copies WAL frames directly; it needs no page cache
  // Replaces the automatic checkpoint, which is itself a WAL hook.
  sqlite3_wal_hook(writer_.handle(), &WalCheckpointer::OnCommit, this);
  thread_ = std::thread([this] { Loop(); });
}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
  sqlite3_wal_autocheckpoint(writer_.handle(), kAutoCheckpointPages);
}

int WalCheckpointer::OnCommit(void* self, sqlite3*, const char*, int) {
  auto* c = static_cast<WalCheckpointer*>(self);
  {
    std::lock_guard lock(c->mutex_);
    c->pending_ = true;
  }
  c->wake_.notify_one();
  return SQLITE_OK;
}

// One PASSIVE checkpoint per wake-up, of everything committed so far. When it finishes before the writer's next
// commit, the writer restarts the WAL from its beginning, so the file stays about one commit long. A BUSY answer
// (another connection checkpointing) or any error only means this round copied less: the next one takes it up,
// and the writer's own checkpoint after the run any rest.
void WalCheckpointer::Loop() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return pending_ || stop_; });
      if (stop_) return;
      pending_ = false;
    }
    sqlite3_wal_checkpoint_v2(own_->handle(), "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  }
}

}  // namespace jiuzhu::registry
