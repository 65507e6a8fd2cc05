#pragma once

#include <QJsonObject>

class BehaviourModel;

// The `latency` and `talkers` objects of --stats-json (README, "--stats-json"): keys in
// snake_case, times in milliseconds, rates per second. At most `maxTalkers` hosts and service
// types each (the top ones by current rate). Pipeline thread (reads the model).
namespace BehaviourJson {

QJsonObject latency(const BehaviourModel &model);
QJsonObject talkers(const BehaviourModel &model, qsizetype maxTalkers = 100);

} // namespace BehaviourJson
