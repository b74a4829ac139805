#include "unknot/session/services.hpp"  // moved to engine/session (issue 11); kept until includers use that path
