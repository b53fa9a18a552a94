// Checkpoints a connection's WAL from a thread of its own while that connection writes a long run (the batch).
// SQLite's automatic checkpoint runs inside the writer's COMMIT: every 1,000 pages the writer stops, copies the
// pages into the database file and waits for two fsyncs — measured at about a third of a 100k-household batch's
// wall time on this machine. A PASSIVE checkpoint on another connection never takes the writer's lock, so the
// writer goes on while the pages are copied and synced. Durability is unchanged: a commit is durable in the WAL
// (synchronous=NORMAL) whichever connection later copies it into the database.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "registry/database.h"

namespace jiuzhu::registry {

class WalCheckpointer {
 public:
  // Turns `writer`'s automatic checkpoint off (until destruction) and checkpoints after each of its commits.
  explicit WalCheckpointer(Database& writer);
  // Stops the thread after the checkpoint under way and gives `writer` back its automatic checkpoint.
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

 private:
  static int OnCommit(void* self, sqlite3* db, const char* schema, int frames);
  void Loop();

  Database& writer_;
  std::unique_ptr<Database> own_;  // the checkpointing connection (a connection belongs to one thread)
  std::mutex mutex_;
  std::condition_variable wake_;
  bool pending_ = false;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace jiuzhu::registry
