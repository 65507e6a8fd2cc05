#pragma once
#include "AllocationProbe.h"
