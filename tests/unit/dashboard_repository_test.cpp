// The dashboard answers in a fixed number of queries whatever the amount of data (the original's second
// critical finding was an N+1 here): counted by wrapping the transaction, on a small and a larger project.
#include "repositories/dashboard_repository.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/clock.hpp"
#include "domain/research_task.hpp"
#include "domain/technology.hpp"
#include "repositories/research_task_repository.hpp"
#include "repositories/technology_repository.hpp"
#include "test_database.hpp"

namespace {

using cc::db::Tx;

// Forwards to a real transaction and counts the statements sent through it.
class CountingTx final : public Tx {
 public:
  explicit CountingTx(Tx& inner) : inner_(inner) {}
  cc::db::Dialect dialect() const override { return inner_.dialect(); }
  std::int64_t exec(std::string_view sql, std::span<const cc::db::Param> params) override {
    ++statements;
    return inner_.exec(sql, params);
  }
  void query(std::string_view sql, std::span<const cc::db::Param> params,
             cc::db::RowCallback on_row) override {
    ++statements;
    inner_.query(sql, params, on_row);
  }
  void exec_script(std::string_view sql) override {
    ++statements;
    inner_.exec_script(sql);
  }
  int statements = 0;

 private:
  Tx& inner_;
};

class DashboardQueries : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { db_.emplace(GetParam()); }

  std::int64_t project_with(int technologies, int tasks, int repositories) {
    return (*db_)->write([&](Tx& tx) {
      auto at = cc::now();
      auto project = tx.query_int(
          "INSERT INTO projects (name, owner, created_at, updated_at) VALUES (?, 'tests', ?, ?) RETURNING id",
          {std::string_view(std::to_string(technologies)), at, at});
      for (int i = 0; i < technologies; ++i) {
        cc::Technology t;
        t.project_id = project;
        t.title = "tech " + std::to_string(i);
        t.priority = 1 + i % 5;
        t.status = i % 2 ? "research" : "integrated";
        t.created_at = t.updated_at = at;
        cc::repositories::TechnologyRepository::insert(tx, t, std::nullopt);
      }
      for (int i = 0; i < tasks; ++i) {
        cc::ResearchTask task;
        task.project_id = project;
        task.title = "task " + std::to_string(i);
        task.status = i % 3 ? "pending" : "in_progress";
        task.due_date = at - std::chrono::hours(24 * (i % 7) - 72);
        task.created_at = task.updated_at = at;
        cc::repositories::ResearchTaskRepository::insert(tx, task, std::nullopt);
      }
      for (int i = 0; i < repositories; ++i) {
        tx.exec(
            "INSERT INTO repositories (project_id, owner, name, full_name, created_at, updated_at, "
            "last_synced_at) VALUES (?, 'org', ?, ?, ?, ?, ?)",
            {project, std::string_view("r" + std::to_string(i)),
             std::string_view("org/r" + std::to_string(i)), at, at, at});
      }
      return project;
    });
  }

  int statements_for(std::int64_t project) {
    return (*db_)->read([&](Tx& tx) {
      CountingTx counting(tx);
      auto stats = cc::repositories::DashboardRepository::stats(counting, project, cc::now());
      auto activity = cc::repositories::DashboardRepository::recent_activity(counting, project, 10);
      (void)stats;
      (void)activity;
      return counting.statements;
    });
  }

  std::optional<cc::testing::TestDatabase> db_;
};

TEST_P(DashboardQueries, AFixedNumberOfQueriesWhateverTheData) {
  auto empty = project_with(0, 0, 0);
  auto small = project_with(1, 1, 1);
  auto large = project_with(300, 300, 40);
  int baseline = statements_for(empty);
  EXPECT_EQ(statements_for(small), baseline);
  EXPECT_EQ(statements_for(large), baseline);
  EXPECT_LE(baseline, 16) << "stats and recent activity together";
  // And the numbers are those of the project asked about.
  auto stats = (*db_)->read(
      [&](Tx& tx) { return cc::repositories::DashboardRepository::stats(tx, large, cc::now()); });
  EXPECT_EQ(stats.technologies_total, 300);
  EXPECT_EQ(stats.repositories_total, 40);
}

INSTANTIATE_TEST_SUITE_P(Backends, DashboardQueries, ::testing::ValuesIn(cc::testing::backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
