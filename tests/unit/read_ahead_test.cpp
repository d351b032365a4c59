// Reading ahead on a second thread: batches arrive in order, the producer's failure arrives in
// its place, a consumer that stops early stops the producer; and the scan of case files, which
// reads ahead on a second connection only while that connection would read the same rows.

#include "store/read_ahead.hpp"

#include <gtest/gtest.h>

#include <future>
#include <stdexcept>
#include <string>
#include <vector>

#include "module_store/case_records_reader.hpp"
#include "support/store_fixture.hpp"

namespace iro::store {
namespace {

using Ints = ReadAhead<int>;

// Pushes batches {0..9}, {10..19}, ... up to `batches` of them, then fails if `fail` says so.
std::function<void(Ints::Producer&)> counting(int batches, bool fail = false) {
    return [batches, fail](Ints::Producer& producer) {
        for (int b = 0; b < batches; ++b) {
            std::vector<int> batch;
            batch.reserve(10);
            for (int i = 0; i < 10; ++i) {
                batch.push_back(b * 10 + i);
            }
            producer.push(std::move(batch));
        }
        if (fail) {
            throw std::runtime_error("the read failed after " + std::to_string(batches));
        }
    };
}

TEST(ReadAheadTest, BatchesArriveInTheOrderTheyWereRead) {
    Ints ahead(counting(50), 2);
    std::vector<int> seen;
    while (auto batch = ahead.next()) {
        seen.insert(seen.end(), batch->begin(), batch->end());
        ahead.give_back(std::move(*batch));
    }
    ASSERT_EQ(seen.size(), 500U);
    for (int i = 0; i < 500; ++i) {
        ASSERT_EQ(seen[static_cast<std::size_t>(i)], i);
    }
    EXPECT_FALSE(ahead.next()) << "finished stays finished";
}

TEST(ReadAheadTest, TheProducersFailureArrivesAfterWhatItReadBeforeIt) {
    Ints ahead(counting(3, /*fail=*/true), 1);
    int batches = 0;
    try {
        while (ahead.next()) {
            ++batches;
        }
        ADD_FAILURE() << "the failure was lost";
    } catch (const std::runtime_error& e) {
        EXPECT_EQ(std::string(e.what()), "the read failed after 3");
    }
    EXPECT_EQ(batches, 3);
}

TEST(ReadAheadTest, AConsumerThatStopsEarlyStopsTheProducer) {
    // The producer would push forever; destroying the ReadAhead must still return.
    bool unwound = false;
    {
        Ints ahead(
            [&unwound](Ints::Producer& producer) {
                struct Unwound {
                    bool& flag;
                    ~Unwound() { flag = true; }
                } guard{unwound};
                for (;;) {
                    producer.push(std::vector<int>{1, 2, 3});
                }
            },
            2);
        EXPECT_TRUE(ahead.next());
    }
    EXPECT_TRUE(unwound) << "the producer was unwound, not abandoned";
}

TEST(ReadAheadTest, SpentBatchesComeBackToTheProducerAsTheyWereLeft) {
    std::promise<void> given_back;
    std::vector<int> reused;
    {
        Ints ahead(
            [&](Ints::Producer& producer) {
                EXPECT_TRUE(producer.reuse().empty()) << "nothing has come back yet";
                producer.push(std::vector<int>{7, 8, 9});
                given_back.get_future().wait();
                reused = producer.reuse();
            },
            1);
        auto batch = ahead.next();
        ASSERT_TRUE(batch);
        ahead.give_back(std::move(*batch));
        given_back.set_value();
        EXPECT_FALSE(ahead.next());
    }
    EXPECT_EQ(reused, (std::vector<int>{7, 8, 9}));
}

class CaseFileScanTest : public test::MigratedStoreTest {
  protected:
    CaseFileScanTest() {
        db.exec(
            "INSERT INTO children (child_id) VALUES ('C1'), ('C2'), ('C3');"
            "INSERT INTO episodes (child_id, start_date, end_date) VALUES "
            "('C1', '2019-01-01', NULL), ('C2', '2019-02-01', NULL), ('C3', '2019-03-01', NULL);"
            "INSERT INTO reviews (review_id, child_id, held_on) VALUES "
            "('R1', 'C1', '2019-01-20'), ('R2', 'C2', '2019-02-20');");
    }

    // "child:reviews" for each case file a scan visits.
    std::vector<std::string> scanned() {
        struct Collect final : plugin::CaseFileVisitor {
            std::vector<std::string> seen;
            void visit(const plugin::CaseFile& file) override {
                seen.push_back(file.child.id + ":" + std::to_string(file.reviews.size()));
            }
        } collect;
        CaseRecordsReader(db).scan(day(2020, 1, 1), ScanParts{}, collect);
        return collect.seen;
    }

    static plugin::Date day(int y, unsigned m, unsigned d) {
        return plugin::Date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
    }
};

TEST_F(CaseFileScanTest, ReadsEveryCaseFileInChildOrder) {
    EXPECT_TRUE(db.another_connection_reads_the_same());
    EXPECT_EQ(scanned(), (std::vector<std::string>{"C1:1", "C2:1", "C3:0"}));
}

TEST_F(CaseFileScanTest, SeesWhatItsOwnUncommittedTransactionWrote) {
    // Another connection would not see these rows: the scan reads on this one.
    Transaction tx(db);
    EXPECT_TRUE(db.another_connection_reads_the_same()) << "nothing changed yet";
    db.exec(
        "INSERT INTO children (child_id) VALUES ('C4');"
        "INSERT INTO episodes (child_id, start_date) VALUES ('C4', '2019-04-01');"
        "INSERT INTO reviews (review_id, child_id, held_on) VALUES ('R3', 'C3', '2019-03-20');");
    EXPECT_FALSE(db.another_connection_reads_the_same());
    EXPECT_EQ(scanned(), (std::vector<std::string>{"C1:1", "C2:1", "C3:1", "C4:0"}));
}

TEST_F(CaseFileScanTest, AVisitorThatThrowsStopsTheScan) {
    struct Refuse final : plugin::CaseFileVisitor {
        int visits = 0;
        void visit(const plugin::CaseFile&) override {
            if (++visits == 2) {
                throw std::runtime_error("the module gave up");
            }
        }
    } refuse;
    EXPECT_THROW(CaseRecordsReader(db).scan(day(2020, 1, 1), ScanParts{}, refuse),
                 std::runtime_error);
    EXPECT_EQ(refuse.visits, 2);
}

}  // namespace
}  // namespace iro::store
