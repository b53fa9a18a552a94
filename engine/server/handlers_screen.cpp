// POST /api/screen: one household screened with the shared pack and the worker's own Screener and buffers; stores
// nothing (http.md). The hot path of the benchmark: no JSON DOM, the reader validates the body directly.
#include "jiuzhu/decision_writer.h"
#include "server/handlers.h"

namespace jiuzhu::server {
namespace {

std::optional<ReasonsMode> ParseReasons(const std::map<std::string, std::string>& query) {
  auto it = query.find("reasons");
  if (it == query.end() || it->second == "all") return ReasonsMode::kAll;
  if (it->second == "deciding") return ReasonsMode::kDeciding;
  if (it->second == "none") return ReasonsMode::kNone;
  return std::nullopt;
}

}  // namespace

std::optional<Response> ValidateScreen(Call& call) {
  if (auto it = call.query.find("as_of"); it != call.query.end()) {
    call.as_of = Date::Parse(it->second);
    if (!call.as_of) return ErrorResponse(400, "bad_query", "as_of is a date YYYY-MM-DD");
  } else {
    call.as_of = call.service.config().today();
  }
  if (!ParseReasons(call.query)) return ErrorResponse(400, "bad_query", "reasons is all, deciding or none");
  Worker& w = call.worker;
  w.read = w.reader.ReadJson(call.request.body, w.household);
  if (!w.read.ok && !w.read.errors.empty() && w.read.errors.front().code == "bad_json")
    return ErrorResponse(400, "bad_json", w.read.errors.front().message);
  return std::nullopt;
}

Response HandleScreen(Call& call) {
  Worker& w = call.worker;
  Response r;
  if (!w.read.ok) {
    r.status = 422;
    AppendErrorJson(std::nullopt, w.read, r.body);
    return r;
  }
  w.screener.Screen(w.household, *call.as_of, *ParseReasons(call.query), w.decision);
  r.body.reserve(8192);
  AppendDecisionJson(w.decision, r.body);
  return r;
}

}  // namespace jiuzhu::server
