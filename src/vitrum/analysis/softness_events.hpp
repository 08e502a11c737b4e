// Training labels of softness from vitrum's own AQS events: the configurations an `aqs` stage writes with
// event_configurations = true, labelled by the Falk–Langer D²min of each particle across each event.
#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "vitrum/io/configuration.hpp"

namespace vitrum::analysis {

// One row of stageN-aqs-events/index.csv: the minimised states of the steps before and after an event.
struct AqsEventRecord {
  std::filesystem::path before, after;
  double strain_before = 0, strain_after = 0;  // unwrapped strain_xy of each (data files do not carry it)
};

// The events of one AQS run: `path` is a run folder (its one stage*-aqs-events/index.csv), an events folder or an
// index.csv. Throws vitrum::Error naming the file and the problem (no index, two aqs stages, a bad row, strains not
// increasing, a missing configuration file).
std::vector<AqsEventRecord> read_event_index(const std::filesystem::path& path);

// A configuration of the index with its unwrapped strain set.
Configuration read_event_configuration(const std::filesystem::path& file, double strain);

// Lengths in the system's units; D²min as d2min.hpp defines it (a sum over the neighbours within d2min_cutoff).
struct EventLabelOptions {
  double d2min_cutoff = 2.5;
  double rearranging = 2.0;  // D²min across the event above this: the particle rearranges in it (label +1)
  double quiet = 0.05;       // D²min below this across every event of the window and over the window as a whole: −1
  double window = 0.01;      // the strain window after the event's start state in which a non-rearranging one stays quiet
  // An event in which more than this fraction of the particles rearrange is a box-spanning avalanche (common at
  // N = 1000: half the particles above 0.5 σ²), where D²min reflects the collective flow more than the local
  // instability: it is left unlabelled (all 0).
  double max_fraction = 0.1;
};

// One event's start state and its labels: +1 rearranging, −1 non-rearranging, 0 neither (in between, or not
// decidable: a window running past the last recorded event leaves every non-rearranging label 0; an avalanche above
// max_fraction leaves every label 0). `spanning` marks the latter.
struct LabelledEvent {
  Configuration before;
  double strain = 0;
  std::vector<double> d2min;  // across the event, per particle
  std::vector<int> label;
  std::size_t rearranging = 0, quiet = 0;
  bool spanning = false;
};

// Labels every event of one run (events in strain order, as read_event_index returns them).
std::vector<LabelledEvent> label_events(const std::vector<AqsEventRecord>& events, const EventLabelOptions& o);

}  // namespace vitrum::analysis
