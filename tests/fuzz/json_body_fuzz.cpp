// Request bodies: JSON text parsed with the server's limits, then validated against every resource's create
// and patch schema, as the routes do before anything reaches a service.
#include "domain/code_repository.hpp"
#include "domain/job.hpp"
#include "domain/knowledge_entry.hpp"
#include "domain/research_task.hpp"
#include "domain/schedule.hpp"
#include "domain/technology.hpp"
#include "fuzz_support.hpp"
#include "http/context.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using cc::validation::Mode;
  auto text = cc::fuzz::as_text(data, size);
  boost::json::value body;
  try {
    body = cc::http::parse_json(text);
  } catch (const cc::Error& e) {
    if (e.status() != 400) std::abort();
    return 0;
  }
  const cc::validation::ObjectSpec* specs[] = {
      &cc::technology_spec(),    &cc::repository_create_spec(), &cc::repository_update_spec(),
      &cc::research_task_spec(), &cc::knowledge_entry_spec(),   &cc::job_create_spec(),
      &cc::job_patch_spec(),     &cc::schedule_spec(),
  };
  for (const auto* spec : specs) {
    for (auto mode : {Mode::Create, Mode::Patch}) {
      cc::fuzz::expect_accepted_or_client_error([&] { (void)spec->validate(body, mode); });
    }
  }
  return 0;
}
