-- A plan's own steps (RES-1: owner, deadline, how verified) become execution tasks beside the
-- ones its terms imply; such a task is named by the plan ("回访客户确认耳机可用"), not by its type.
alter table execution_tasks add column title text;
